import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createFilePolicySource } from "./file-source.js";
import type { PolicySnapshot } from "./snapshot.js";
import { createInlinePolicySource, createYamlPolicySource } from "./static-sources.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempPolicy(text: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "sec0-policy-"));
  dirs.push(dir);
  const file = path.join(dir, "policy.yaml");
  writeFileSync(file, text);
  return file;
}

async function waitFor<T>(check: () => T | undefined, ms = 3000): Promise<T> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const value = check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error("condition not met in time");
}

describe("file source", () => {
  it("loads, reloads on change, and keeps the last good policy on a broken edit", async () => {
    const file = tempPolicy("tenant: a\n");
    const changes: PolicySnapshot[] = [];
    const errors: unknown[] = [];
    const source = createFilePolicySource({
      path: file,
      debounceMs: 20,
      onChange: (snapshot) => changes.push(snapshot),
      onError: (error) => errors.push(error),
    });
    try {
      const first = await source.get();
      expect(first.source).toBe(`file:${file}`);
      writeFileSync(file, "tenant: b\n");
      await waitFor(() => changes.find((s) => s.policy.tenant === "b"));
      writeFileSync(file, "tenant: b\nenforcment: {}\n");
      const error = await waitFor(() => errors[0]);
      expect(error).toMatchObject({ code: "POLICY_INVALID" });
      expect((await source.get()).policy.tenant).toBe("b");
    } finally {
      source.close();
    }
  });

  it("reports a broken file at start and a missing one", () => {
    expect(() => createFilePolicySource({ path: tempPolicy("tenant: [\n"), watch: false })).toThrow(
      expect.objectContaining({ code: "POLICY_YAML_SYNTAX" }),
    );
    expect(() => createFilePolicySource({ path: "/nonexistent/policy.yaml", watch: false })).toThrow(
      expect.objectContaining({ code: "POLICY_FILE_UNREADABLE" }),
    );
  });

  it("resolves relative paths against cwd and reloads on demand", async () => {
    const file = tempPolicy("tenant: a\n");
    const source = createFilePolicySource({ path: "policy.yaml", cwd: path.dirname(file), watch: false });
    writeFileSync(file, "tenant: c\n");
    expect(source.reload().policy.tenant).toBe("c");
  });
});

describe("inline and YAML sources", () => {
  it("validates and hashes canonically", async () => {
    const a = await createInlinePolicySource({ tenant: "t", tools: { allowlist: ["*"] } }).get();
    const b = await createYamlPolicySource('tools:\n  allowlist: ["*"]\ntenant: t\n').get();
    expect(a.hash).toBe(b.hash);
    expect(a.source).toBe("inline");
    expect(b.source).toBe("yaml");
    expect(() => createInlinePolicySource({ tenant: "t", tool: {} })).toThrow(
      expect.objectContaining({ code: "POLICY_INVALID" }),
    );
  });
});
