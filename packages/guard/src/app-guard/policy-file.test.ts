import { mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createMemoryAuditSink } from "@sec0/testkit";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createSec0Guard } from "./create-sec0-guard.js";
import { GuardPolicyUnavailableError } from "./guard-errors.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "sec0-guard-file-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const FULL = `tenant: my-app
security:
  egress_allowlist: ["api.allowed.com"]
enforcement:
  deny_on: [egress_violation]
`;
const RULES = `defaultOutcome: allow
rules:
  - kind: message_outbound
    target: "discord:*"
    outcome: block
    reason: no_discord
`;

/** Writes the file with an mtime `offset` seconds from now, so a rewrite is always seen as a change. */
function write(name: string, text: string, offset = 0): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  const at = Date.now() / 1000 + offset;
  utimesSync(file, at, at);
  return file;
}

function guardFor(name: string, extra: { now?: () => number; logger?: (e: unknown) => void } = {}) {
  return createSec0Guard({
    provider: { local: { policyPath: `./${name}`, cacheTtlMs: 0 } },
    audit: { sink: createMemoryAuditSink() },
    cwd: dir,
    ...(extra.now === undefined ? {} : { now: extra.now }),
    ...(extra.logger === undefined ? {} : { logger: extra.logger as never }),
  });
}

describe("provider.local.policyPath", () => {
  it("reads a full policy.yaml (the seed's step 1 file)", async () => {
    write("policy.yaml", FULL);
    const guard = guardFor("policy.yaml");
    expect((await guard.check({ kind: "api_call", target: "https://evil.example" })).reason).toBe(
      "egress_violation",
    );
    expect((await guard.check({ kind: "api_call", target: "https://api.allowed.com" })).outcome).toBe(
      "allow",
    );
  });

  it("reads inline guard rules from YAML and from JSON", async () => {
    write("rules.yaml", RULES);
    write(
      "rules.json",
      JSON.stringify({ defaultOutcome: "block", rules: [{ kind: "api_call", outcome: "allow" }] }),
    );
    expect(
      (await guardFor("rules.yaml").check({ kind: "message_outbound", target: "discord:x" })).reason,
    ).toBe("no_discord");
    const json = guardFor("rules.json");
    expect((await json.check({ kind: "api_call", target: "x" })).outcome).toBe("allow");
    expect((await json.check({ kind: "tool_call", target: "x" })).reason).toBe("policy_default_block");
  });

  it("re-reads the file when it changes; a broken edit keeps the last good policy and is reported", async () => {
    write("policy.yaml", RULES, -10);
    const logger = vi.fn();
    const guard = guardFor("policy.yaml", { logger });
    const input = { kind: "message_outbound" as const, target: "discord:x" };
    expect((await guard.check(input)).outcome).toBe("block");
    write("policy.yaml", RULES.replace("outcome: block", "outcome: allow"), -5);
    expect((await guard.check(input)).outcome).toBe("allow");
    write("policy.yaml", "rules: [unclosed", 0);
    expect((await guard.check(input)).outcome).toBe("allow");
    expect(logger).toHaveBeenCalledWith(expect.objectContaining({ level: "warn" }));
  });

  it.each([
    ["a missing file", undefined],
    ["invalid YAML", "tenant: [unclosed"],
    ["an invalid full policy", "tenant: a\nenforcement:\n  deny_on: nope\n"],
    ["invalid JSON", "{"],
  ])("%s makes every decision fail with GUARD_POLICY_UNAVAILABLE (never an allow)", async (_label, text) => {
    const name = text === "{" ? "p.json" : "p.yaml";
    if (text !== undefined) write(name, text);
    const guard = guardFor(name);
    const action = vi.fn();
    await expect(guard.check({ kind: "api_call", target: "x" })).rejects.toBeInstanceOf(
      GuardPolicyUnavailableError,
    );
    await expect(guard.execute({ kind: "api_call", target: "x" }, action)).rejects.toMatchObject({
      code: "GUARD_POLICY_UNAVAILABLE",
    });
    expect(action).not.toHaveBeenCalled();
  });

  it("records the refusal when no policy could be had", async () => {
    const sink = createMemoryAuditSink();
    const guard = createSec0Guard({
      provider: { local: { policyPath: "./none.yaml" } },
      audit: { sink },
      cwd: dir,
    });
    await expect(guard.check({ kind: "api_call", target: "x" })).rejects.toThrow();
    expect(sink.records[0]).toMatchObject({
      outcome: "block",
      decision_reason: "policy_unavailable",
      policy_hash: null,
    });
  });
});
