import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { verifyAuditDir } from "@sec0/audit";
import { generateKeyFile, LocalDevSigner } from "@sec0/signer";
import { createMemoryAuditSink } from "@sec0/testkit";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createSec0Guard } from "./create-sec0-guard.js";
import { GuardBlockedError, GuardConfigError } from "./guard-errors.js";

const SEED_RULES = {
  defaultOutcome: "allow" as const,
  rules: [
    {
      kind: "message_outbound" as const,
      target: "discord:supplier",
      outcome: "block" as const,
      reason: "supplier_messages_require_review",
    },
    {
      id: "mask",
      kind: "message_outbound" as const,
      target: "email:*",
      outcome: "redact" as const,
      redact: { patterns: ["order-\\d+"] },
    },
    {
      id: "pay",
      kind: "api_call" as const,
      target: "https://pay.example.com/*",
      outcome: "escalate" as const,
    },
  ],
};

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function guardWith(policy: unknown = SEED_RULES) {
  const sink = createMemoryAuditSink();
  const guard = createSec0Guard({ provider: { local: { policy } }, audit: { sink } });
  return { guard, sink };
}

describe("createSec0Guard, standalone with inline rules", () => {
  it("infers standalone mode from a local provider", () => {
    expect(guardWith().guard.mode).toBe("standalone");
  });

  it("blocks what a rule blocks and allows the rest (the default outcome)", async () => {
    const { guard } = guardWith();
    const blocked = await guard.check({
      kind: "message_outbound",
      target: "discord:supplier",
      content: "hi",
    });
    expect(blocked).toMatchObject({
      outcome: "block",
      shouldProceed: false,
      reason: "supplier_messages_require_review",
      reasons: ["supplier_messages_require_review"],
      provider: { mode: "standalone", source: "local" },
    });
    expect(blocked.provider.policyHash).toMatch(/^[0-9a-f]{64}$/);
    const allowed = await guard.check({ kind: "message_outbound", target: "discord:team", content: "hi" });
    expect(allowed).toMatchObject({ outcome: "allow", shouldProceed: true, reason: null });
  });

  it("reads the target from context.target when the input has none", async () => {
    const { guard } = guardWith();
    const decision = await guard.check({ kind: "message_outbound", context: { target: "discord:supplier" } });
    expect(decision.outcome).toBe("block");
  });

  it("an escalate rule without an escalation channel blocks (same algebra as the middleware)", async () => {
    const { guard } = guardWith();
    const decision = await guard.check({ kind: "api_call", target: "https://pay.example.com/charge" });
    expect(decision).toMatchObject({ outcome: "block", shouldProceed: false, reason: "rule_pay" });
  });

  it("redacts PII shapes and the rule's patterns with [REDACTED]", async () => {
    const { guard } = guardWith();
    const decision = await guard.check({
      kind: "message_outbound",
      target: "email:finance",
      content:
        "Refund order-42 to jane.doe@example.com, SSN 123-45-6789, card 4111 1111 1111 1111, call 415-555-0132",
    });
    expect(decision.outcome).toBe("redact");
    expect(decision.shouldProceed).toBe(true);
    expect(decision.redactedContent).toBe(
      "Refund [REDACTED] to [REDACTED], SSN [REDACTED], card [REDACTED], call [REDACTED]",
    );
  });

  it("redacts non-string content as its JSON text", async () => {
    const { guard } = guardWith();
    const decision = await guard.check({
      kind: "message_outbound",
      target: "email:x",
      content: { to: "a@b.co" },
    });
    expect(decision.redactedContent).toBe('{"to":"[REDACTED]"}');
  });

  it("execute runs the action on allow, with the input and the decision", async () => {
    const { guard } = guardWith();
    const action = vi.fn(async (input: { content?: unknown }) => `sent ${String(input.content)}`);
    await expect(
      guard.execute({ kind: "message_outbound", target: "discord:team", content: "hi" }, action),
    ).resolves.toBe("sent hi");
    expect(action).toHaveBeenCalledOnce();
  });

  it("execute hands the redacted content to the action, or what onRedactInput returns", async () => {
    const { guard } = guardWith();
    const input = { kind: "message_outbound" as const, target: "email:x", content: "mail a@b.co" };
    await expect(guard.execute(input, (i) => i.content)).resolves.toBe("mail [REDACTED]");
    await expect(
      guard.execute(input, (i) => i.content, { onRedactInput: (_d, i) => ({ ...i, content: "custom" }) }),
    ).resolves.toBe("custom");
  });

  it("execute throws GuardBlockedError on block without onBlock, and never runs the action", async () => {
    const { guard } = guardWith();
    const action = vi.fn();
    const run = guard.execute({ kind: "message_outbound", target: "discord:supplier", content: "x" }, action);
    await expect(run).rejects.toBeInstanceOf(GuardBlockedError);
    await expect(
      guard.execute({ kind: "message_outbound", target: "discord:supplier", content: "x" }, action),
    ).rejects.toMatchObject({
      code: "GUARD_BLOCKED",
      message: "Guard blocked execution (supplier_messages_require_review)",
      details: { reason: "supplier_messages_require_review", provider: { source: "local" } },
    });
    expect(action).not.toHaveBeenCalled();
  });

  it("execute returns onBlock's value on block (the seed's step 6)", async () => {
    const { guard } = guardWith();
    const result = await guard.execute(
      {
        kind: "message_outbound",
        target: "discord:supplier",
        content: "x",
        context: { nodeId: "merchant-agent" },
      },
      async () => ({ sent: true }),
      { onBlock: async (decision) => ({ sent: false, reason: decision.reason }) },
    );
    expect(result).toEqual({ sent: false, reason: "supplier_messages_require_review" });
  });

  it("writes one audit record per check: kind, target, outcome, reasons, policy hash, source; never the content", async () => {
    const { guard, sink } = guardWith();
    const decision = await guard.check({
      kind: "message_outbound",
      target: "discord:supplier",
      content: "secret plan",
      context: { nodeId: "merchant-agent", runId: "run-1", threadId: "t-9", tags: ["ops"] },
    });
    await guard.execute({ kind: "message_outbound", target: "discord:team", content: "hello" }, () => "ok");
    expect(sink.records).toHaveLength(2);
    const [first, second] = sink.records;
    expect(first).toMatchObject({
      node_type: "guard",
      guard_kind: "message_outbound",
      target: "discord:supplier",
      outcome: "block",
      decision_reason: "supplier_messages_require_review",
      reasons: ["supplier_messages_require_review"],
      policy: { decision: "deny" },
      policy_hash: decision.provider.policyHash,
      provider: { mode: "standalone", source: "local" },
      node_id: "merchant-agent",
      agent_ref: "run-1",
      thread_id: "t-9",
      tags: ["ops"],
      tenant: "default",
    });
    expect(first?.content_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(first)).not.toContain("secret plan");
    expect(second).toMatchObject({ outcome: "allow", policy: { decision: "allow" } });
  });

  it("signs its records into .sec0 with the key of `sec0 keygen` by default; the log verifies", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "sec0-guard-"));
    dirs.push(cwd);
    mkdirSync(join(cwd, ".sec0", "keys"), { recursive: true });
    generateKeyFile(join(cwd, ".sec0", "keys", "ed25519.key"));
    const guard = createSec0Guard({ provider: { local: { policy: SEED_RULES } }, cwd });
    await guard.check({ kind: "message_outbound", target: "discord:supplier", content: "a" });
    await guard.check({ kind: "api_call", target: "https://ok.example.com", content: "b" });
    await guard.close();
    const report = await verifyAuditDir(join(cwd, ".sec0"), {
      publicKey: LocalDevSigner.fromKeyRef("file://./.sec0/keys/ed25519.key", { cwd }).publicKey,
    });
    expect(report).toMatchObject({ status: "valid", signaturesChecked: true, problem: undefined });
    expect(report.files[0]?.records).toBe(2);
  });

  it("refuses to start without a signing key, saying how to make one", () => {
    const cwd = mkdtempSync(join(tmpdir(), "sec0-guard-nokey-"));
    dirs.push(cwd);
    expect(() => createSec0Guard({ provider: { local: { policy: SEED_RULES } }, cwd })).toThrow(
      GuardConfigError,
    );
    expect(() => createSec0Guard({ provider: { local: { policy: SEED_RULES } }, cwd })).toThrow(
      /sec0 keygen/,
    );
  });

  it.each([
    [{ mode: "standalone" as const }, "provider.local"],
    [{ mode: "dashboard" as const, provider: { local: { policy: SEED_RULES } } }, "provider.remote"],
    [{ mode: "hybrid" as const, provider: { local: { policy: SEED_RULES } } }, "provider"],
    [{ mode: "edge" as never, provider: { local: { policy: SEED_RULES } } }, "mode"],
    [{ provider: { local: { policy: SEED_RULES, policyPath: "./p.yaml" } } }, "provider.local"],
    [{ provider: { remote: {} } }, "provider.remote.auth.apiKey"],
  ])("refuses an unusable config with GUARD_CONFIG_INVALID (%#)", (config, field) => {
    const attempt = () => createSec0Guard({ ...config, audit: { sink: createMemoryAuditSink() } });
    expect(attempt).toThrow(expect.objectContaining({ code: "GUARD_CONFIG_INVALID", details: { field } }));
  });

  it.each([
    [{ kind: "sms" }, "input.kind"],
    [{ kind: "api_call", target: 42 }, "input.target"],
    [null, "input"],
  ])("refuses a malformed input with GUARD_CONFIG_INVALID (%#)", async (input, field) => {
    const { guard } = guardWith();
    await expect(guard.check(input as never)).rejects.toMatchObject({
      code: "GUARD_CONFIG_INVALID",
      details: { field },
    });
  });
});
