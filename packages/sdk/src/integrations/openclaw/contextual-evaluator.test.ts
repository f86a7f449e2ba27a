// `contextualEvaluator`: the engine's contextual evaluator before tool calls, and the same options
// on outbound messages, with the local scorer (a real part) and adapters playing a remote one.

import { isSec0Error } from "@sec0/core";
import type { EvaluatorInputDraft, EvaluatorOutput } from "@sec0/evaluator";
import { evaluateContextLocally } from "@sec0/evaluator";
import type { ContextualEvaluatorAdapter } from "@sec0/guard";
import { afterEach, describe, expect, it } from "vitest";
import { createWorkspace } from "./__fixtures__/openclaw-fixtures.js";
import { createMoltbotEscalationManager } from "./create-moltbot-escalation-manager.js";
import { createMoltbotHooks } from "./create-moltbot-hooks.js";
import type { MoltbotDecisionEvent, Sec0MoltbotConfig } from "./moltbot-config.js";

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Context the local scorer denies: a boundary the authority does not allow, an open prerequisite. */
const risky = (): Partial<EvaluatorInputDraft> => ({
  action: { kind: "tool", summary: "Send the quarterly report", target: { boundary: "partner" } },
  authority: { allowedBoundaries: ["tenant"] },
  runtimeContext: { unresolvedPrerequisites: ["manager approval"] },
});

const answering = (decision: EvaluatorOutput["decision"]): ContextualEvaluatorAdapter => ({
  evaluate: async (input) => ({ ...evaluateContextLocally(input), decision }),
});

function setup(
  contextualEvaluator: Sec0MoltbotConfig["contextualEvaluator"],
  overrides: Partial<Sec0MoltbotConfig> = {},
) {
  const workspace = createWorkspace("contextual");
  cleanups.push(workspace.cleanup);
  const decisions: MoltbotDecisionEvent[] = [];
  const hooks = createMoltbotHooks(
    workspace.config({
      allowlist: ["*"],
      contextualEvaluator,
      onDecision: (e) => decisions.push(e),
      ...overrides,
    }),
  );
  cleanups.push(() => hooks.close());
  const ctx = { toolName: "send_report", sessionKey: "agent:main:c", agentId: "main" };
  const call = (params: Record<string, unknown> = { to: "partner", report: "q3" }) =>
    hooks.beforeToolCall({ toolName: "send_report", params, toolCallId: `c-${Math.random()}` }, ctx);
  const send = (content = "The report is attached.") =>
    hooks.messageSending?.(
      { to: "bob", content },
      { channelId: "telegram", conversationId: "1", sessionKey: "agent:main:c" },
    );
  return { hooks, decisions, call, send, last: () => decisions.at(-1) };
}

describe("contextualEvaluator on tool calls (the engine's evaluator)", () => {
  it("blocks a call the local scorer denies, and only calls `eligible` admits", async () => {
    const { call, last, hooks } = setup({
      evaluatorSource: "local",
      eligible: (info) => info.args.to !== undefined,
      buildContext: risky,
    });
    expect(await call()).toMatchObject({ block: true });
    expect(last()).toMatchObject({ outcome: "block", reason: "contextual_evaluator_denied" });
    expect(await call({ path: "notes.md" })).toBeUndefined();
    expect(hooks.meta).toMatchObject({ evaluatorSource: "local", evaluatorMode: "sync" });
  });

  it("allows what the scorer does not flag; an escalation of a tool call is a denial", async () => {
    expect(await setup({ evaluatorSource: "local", eligible: () => true }).call()).toBeUndefined();
    const escalated = setup({ adapter: answering("escalate"), eligible: () => true });
    expect(await escalated.call()).toMatchObject({ block: true });
    expect(escalated.last()?.reason).toBe("contextual_evaluator_escalated");
  });

  it("fails closed when the evaluator fails, unless onError: allow", async () => {
    const broken: ContextualEvaluatorAdapter = { evaluate: async () => Promise.reject(new Error("down")) };
    expect(await setup({ adapter: broken, eligible: () => true }).call()).toMatchObject({ block: true });
    expect(await setup({ adapter: broken, eligible: () => true, onError: "allow" }).call()).toBeUndefined();
  });

  it("records without blocking in observe mode", async () => {
    const { call, last } = setup({ buildContext: risky, eligible: () => true }, { mode: "observe" });
    expect(await call()).toBeUndefined();
    expect(last()).toMatchObject({ outcome: "allow" });
  });
});

describe("contextualEvaluator on outbound messages", () => {
  it("cancels a message the evaluator denies and lets a benign one through", async () => {
    const denying = setup({ buildContext: risky });
    expect(await denying.send()).toMatchObject({ cancel: true });
    expect(denying.last()).toMatchObject({ hook: "message_sending", reason: "contextual_evaluator_denied" });
    expect(await setup({ evaluatorSource: "local" }).send()).toBeUndefined();
    // `eligible` sees the message as a call with args { to, content }.
    expect(
      await setup({ buildContext: risky, eligible: (info) => info.args.to !== "bob" }).send(),
    ).toBeUndefined();
  });

  it("sends an escalation to the escalation manager, cancels it without one", async () => {
    const approved = setup(
      { adapter: answering("escalate") },
      { escalation: createMoltbotEscalationManager({ escalationMode: "auto-approve" }) },
    );
    expect(await approved.send()).toBeUndefined();
    expect(approved.last()).toMatchObject({ outcome: "allow", reason: "escalation_approved" });
    const alone = setup({ adapter: answering("escalate") });
    expect(await alone.send()).toMatchObject({ cancel: true });
  });

  it("does not decide in async mode, and fails closed on an evaluator error", async () => {
    expect(await setup({ buildContext: risky, evaluatorMode: "async" }).send()).toBeUndefined();
    const broken: ContextualEvaluatorAdapter = { evaluate: async () => Promise.reject(new Error("down")) };
    const failing = setup({ adapter: broken });
    expect(await failing.send()).toMatchObject({ cancel: true });
    expect(failing.last()?.reason).toBe("evaluation_error");
  });

  it("is off with enabled: false or evaluatorSource: disabled", async () => {
    expect(await setup({ enabled: false, buildContext: risky }).send()).toBeUndefined();
    expect(await setup({ evaluatorSource: "disabled", buildContext: risky }).call()).toBeUndefined();
  });

  it.each([
    [{ evaluatorSource: "remote" }, "contextualEvaluator.evaluatorSource"],
    [{ evaluatorMode: "later" }, "contextualEvaluator.evaluatorMode"],
    [{ eligible: true }, "contextualEvaluator.eligible"],
    [{ onError: "ignore" }, "contextualEvaluator.onError"],
    [{ local: { denyThreshold: 2 } }, "contextualEvaluator.local.denyThreshold"],
    [{ evaluatorSource: "control-plane" }, "contextualEvaluator.controlPlane"],
    [
      { evaluatorSource: "control-plane", controlPlane: { baseUrl: "http://127.0.0.1:1" } },
      "contextualEvaluator.controlPlane.apiKey",
    ],
  ])("refuses %j naming %s", (contextualEvaluator, field) => {
    const workspace = createWorkspace("contextual-bad");
    cleanups.push(workspace.cleanup);
    try {
      createMoltbotHooks(workspace.config({ contextualEvaluator: contextualEvaluator as never }));
      expect.unreachable();
    } catch (error) {
      expect(isSec0Error(error) && [error.code, error.details?.field]).toEqual([
        "SDK_OPENCLAW_CONFIG_INVALID",
        field,
      ]);
    }
  });
});
