import { createMemoryAuditSink } from "@sec0/testkit";
import { describe, expect, it, vi } from "vitest";
import type { ApprovalTransport } from "../escalation/approvals-bridge-transport.js";
import { scriptedEscalations } from "./__fixtures__/guard-fixtures.js";
import { createSec0Guard } from "./create-sec0-guard.js";
import type { GuardHooks } from "./guard-config.js";
import { GuardBlockedError, GuardEscalationError, GuardEscalationTimeoutError } from "./guard-errors.js";
import type { GuardInput } from "./guard-types.js";

const RULES = {
  defaultOutcome: "allow" as const,
  rules: [
    {
      kind: "message_outbound" as const,
      target: "email:finance",
      outcome: "escalate" as const,
      reason: "finance_review",
    },
  ],
};
const INPUT: GuardInput = {
  kind: "message_outbound",
  target: "email:finance",
  content: "Wire 10,000 EUR to the new supplier account.",
  context: { nodeId: "merchant-agent", runId: "run-7", tags: ["payments"] },
};

function setup(
  verdict: Parameters<typeof scriptedEscalations>[0],
  hooks: GuardHooks = {},
  transport?: ApprovalTransport,
) {
  const escalations = scriptedEscalations(verdict);
  const sink = createMemoryAuditSink();
  const guard = createSec0Guard({
    provider: { local: { policy: RULES } },
    escalation: { client: escalations.client, ttlSeconds: 120 },
    hooks,
    ...(transport === undefined ? {} : { transport }),
    audit: { sink },
  });
  return { guard, escalations, sink };
}

function recordingTransport() {
  const events: string[] = [];
  const transport: ApprovalTransport = {
    name: "recording",
    capabilities: { interactiveActions: false, cards: false },
    sendPending: async (event) => void events.push(`pending ${event.created.id}`),
    sendResolved: async (event) => void events.push(`resolved ${event.resolution.status}`),
  };
  return { transport, events };
}

describe("guard.execute with an escalate outcome", () => {
  it("creates the escalation bound to the exact input, waits, and runs the action once on approved", async () => {
    const hooks = {
      onEscalationRequested: vi.fn(),
      onEscalationResolved: vi.fn(),
      onEscalationError: vi.fn(),
    };
    const { transport, events } = recordingTransport();
    const { guard, escalations, sink } = setup("approved", hooks, transport);
    const action = vi.fn(async () => "sent");
    await expect(guard.execute(INPUT, action)).resolves.toBe("sent");
    expect(action).toHaveBeenCalledOnce();
    expect(action.mock.calls[0]).toEqual([
      INPUT,
      expect.objectContaining({
        shouldProceed: true,
        escalation: expect.objectContaining({ status: "approved" }),
      }),
    ]);
    expect(escalations.created).toHaveLength(1);
    expect(escalations.created[0]).toMatchObject({
      violation: "finance_review",
      content: INPUT.content,
      nodeId: "merchant-agent",
      agentRef: "run-7",
      toolRef: "guard:message_outbound:email:finance",
      callDigest: expect.stringMatching(/^[0-9a-f]{64}$/),
      ttlSeconds: 120,
      timeoutAction: "auto_reject",
      metadata: expect.objectContaining({ kind: "message_outbound", tags: ["payments"], layer: "guard" }),
    });
    expect(hooks.onEscalationRequested).toHaveBeenCalledWith(
      expect.objectContaining({ created: { id: "esc_1", status: "pending" } }),
    );
    expect(hooks.onEscalationResolved).toHaveBeenCalledWith(
      expect.objectContaining({ resolution: expect.objectContaining({ status: "approved" }) }),
    );
    expect(hooks.onEscalationError).not.toHaveBeenCalled();
    expect(events).toEqual(["pending esc_1", "resolved approved"]);
    expect(
      sink.records.map((r) => [
        r.tool,
        r.outcome,
        (r.policy as { decision: string }).decision,
        r.escalation_status,
      ]),
    ).toEqual([
      ["guard.check@1.0", "escalate", "escalate", undefined],
      ["guard.escalation_resolved@1.0", "escalate", "allow", "approved"],
    ]);
  });

  it.each(["rejected", "expired"] as const)(
    "%s blocks: GuardBlockedError, or onBlock's value; the action never runs",
    async (status) => {
      const { guard } = setup(status);
      const action = vi.fn();
      await expect(guard.execute(INPUT, action)).rejects.toMatchObject({
        code: "GUARD_BLOCKED",
        message: `Escalation resolved as ${status} (finance_review)`,
        details: expect.objectContaining({ escalationId: "esc_1", escalationStatus: status }),
      });
      await expect(guard.execute(INPUT, action, { onBlock: (d) => d.escalation?.status })).resolves.toBe(
        status,
      );
      expect(action).not.toHaveBeenCalled();
    },
  );

  it("a timeout is never an approval: GuardEscalationTimeoutError, or onBlock", async () => {
    const { guard } = setup("timeout");
    const action = vi.fn();
    await expect(guard.execute(INPUT, action)).rejects.toBeInstanceOf(GuardEscalationTimeoutError);
    await expect(guard.execute(INPUT, action, { onBlock: () => "gave up" })).resolves.toBe("gave up");
    expect(action).not.toHaveBeenCalled();
  });

  it("waitForEscalation: false returns the pending decision and runs nothing", async () => {
    const { guard } = setup("approved");
    const action = vi.fn();
    const result = await guard.execute(INPUT, action, { waitForEscalation: false });
    expect(result).toEqual({
      decision: expect.objectContaining({
        outcome: "escalate",
        escalation: {
          shouldEscalate: true,
          waitForResolution: false,
          escalationId: "esc_1",
          status: "pending",
        },
      }),
    });
    expect(action).not.toHaveBeenCalled();
  });

  it("a failed create or wait throws GuardEscalationError and tells onEscalationError; the action never runs", async () => {
    const onEscalationError = vi.fn();
    const { guard, escalations } = setup(() => Promise.reject(new Error("control plane unreachable")), {
      onEscalationError,
    });
    const action = vi.fn();
    await expect(guard.execute(INPUT, action)).rejects.toBeInstanceOf(GuardEscalationError);
    expect(onEscalationError).toHaveBeenCalledWith(expect.objectContaining({ stage: "wait" }));
    escalations.client.create = async () => Promise.reject(new Error("HTTP 500"));
    await expect(guard.execute(INPUT, action)).rejects.toMatchObject({
      code: "GUARD_ESCALATION_FAILED",
      details: expect.objectContaining({ stage: "create" }),
    });
    expect(action).not.toHaveBeenCalled();
  });

  it("a failing notification or hook neither blocks nor approves: the verdict still decides", async () => {
    const transport: ApprovalTransport = {
      name: "broken",
      capabilities: { interactiveActions: false, cards: false },
      sendPending: async () => Promise.reject(new Error("bridge down")),
      sendResolved: async () => Promise.reject(new Error("bridge down")),
    };
    const onEscalationError = vi.fn();
    const hooks = { onEscalationRequested: () => Promise.reject(new Error("hook bug")), onEscalationError };
    const { guard } = setup("approved", hooks, transport);
    await expect(guard.execute(INPUT, async () => "sent")).resolves.toBe("sent");
    expect(onEscalationError).toHaveBeenCalledWith(expect.objectContaining({ stage: "notify" }));
    const rejected = setup("rejected", hooks, transport);
    await expect(rejected.guard.execute(INPUT, async () => "sent")).rejects.toBeInstanceOf(GuardBlockedError);
  });

  it("escalation.enabled: false makes the escalate rule block", async () => {
    const guard = createSec0Guard({
      provider: { local: { policy: RULES } },
      escalation: { enabled: false },
      audit: { sink: createMemoryAuditSink() },
    });
    expect((await guard.check(INPUT)).outcome).toBe("block");
    await expect(guard.waitForResolution("esc_1")).rejects.toMatchObject({ code: "GUARD_CONFIG_INVALID" });
  });
});
