import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { CliIo } from "../cli-context.js";
import { runCli } from "../program.js";

const dir = mkdtempSync(path.join(tmpdir(), "sec0-cli-policy-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

writeFileSync(
  path.join(dir, "good.yaml"),
  'tenant: my-app\ndefault_retention: "30d"\nsigning:\n  enabled: true\n  key_ref: "file://./.sec0/keys/ed25519.key"\ntools:\n  allowlist: ["*"]\nenforcement:\n  deny_on: []\n',
);
writeFileSync(
  path.join(dir, "bad.yaml"),
  "tenant: my-app\nenforcment:\n  deny_on: []\ntools:\n  allowlist: 3\n",
);
writeFileSync(path.join(dir, "syntax.yaml"), "tenant: [\n");

function io(): CliIo & { out: string; err: string } {
  const state = {
    out: "",
    err: "",
    cwd: dir,
    env: {},
    stdout: (text: string) => {
      state.out += text;
    },
    stderr: (text: string) => {
      state.err += text;
    },
  };
  return state;
}

describe("sec0 policy validate", () => {
  it("prints a one-line summary for a valid policy", async () => {
    const out = io();
    expect(await runCli(["policy", "validate", "good.yaml"], out)).toBe(0);
    expect(out.out).toMatch(
      /^good\.yaml: valid \(tenant my-app, mode observe, 1 allowlist entry, sha256 [0-9a-f]{12}\)\n$/,
    );
  });

  it("prints file:line:col  path  message for every error and exits 1", async () => {
    const out = io();
    expect(await runCli(["policy", "validate", "bad.yaml"], out)).toBe(1);
    expect(out.out.split("\n").filter(Boolean)).toEqual([
      'bad.yaml:2:1  enforcment  unknown key "enforcment"; did you mean "enforcement"?',
      "bad.yaml:5:14  tools.allowlist  expected array, got number 3",
    ]);
    expect(out.err).toContain("2 errors");
  });

  it("prints JSON with --json", async () => {
    const out = io();
    expect(await runCli(["policy", "validate", "bad.yaml", "--json"], out)).toBe(1);
    const parsed = JSON.parse(out.out) as { valid: boolean; errors: Array<Record<string, unknown>> };
    expect(parsed.valid).toBe(false);
    expect(parsed.errors[0]).toEqual({
      path: "enforcment",
      line: 2,
      column: 1,
      message: 'unknown key "enforcment"; did you mean "enforcement"?',
      code: "unknown_key",
    });
    const good = io();
    expect(await runCli(["policy", "validate", path.join(dir, "good.yaml"), "--json"], good)).toBe(0);
    expect(JSON.parse(good.out)).toEqual({ valid: true, errors: [] });
  });

  it("reports YAML syntax errors and missing files", async () => {
    const syntax = io();
    expect(await runCli(["policy", "validate", "syntax.yaml"], syntax)).toBe(1);
    expect(syntax.out).toMatch(/^syntax\.yaml:\d+:\d+ {2}\(root\) {2}/);
    const missing = io();
    expect(await runCli(["policy", "validate", "nope.yaml", "--json"], missing)).toBe(1);
    expect(JSON.parse(missing.out).errors[0].code).toBe("file_unreadable");
  });
});
