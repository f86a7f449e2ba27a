import type { GovernedCall } from "@sec0/guard";
import { conversationKey } from "./conversation-quarantine.js";
import type { MoltbotRuntime } from "./create-moltbot-runtime.js";
import type { SkillCheckOutcome } from "./create-skill-check.js";
import { openToolCall } from "./open-tool-call.js";
import type {
  OpenClawAfterToolCallEvent,
  OpenClawBeforeToolCallEvent,
  OpenClawBeforeToolCallResult,
  OpenClawToolContext,
} from "./openclaw-plugin-api.js";
import { snapshotParams, toAgentRef, toNodeId } from "./snapshot-params.js";
import { DEADLINE_PASSED, withDeadline } from "./with-deadline.js";

/** The two tool hooks of {@link createMoltbotHooks}. */
export interface MoltbotToolHooks {
  beforeToolCall(
    event: OpenClawBeforeToolCallEvent,
    ctx: OpenClawToolContext,
  ): Promise<OpenClawBeforeToolCallResult | undefined>;
  afterToolCall(event: OpenClawAfterToolCallEvent, ctx: OpenClawToolContext): Promise<void>;
}

/** What a quarantined session's tool calls are refused with (decided by `deny_on` like the rest). */
const QUARANTINE_REASON = "agent_guard_failed";
/** A skill whose check did not finish within the decision deadline. */
const SKILL_PENDING = "skill_scan_pending";

/**
 * Creates `beforeToolCall` / `afterToolCall`. `beforeToolCall` decides before the tool runs:
 * the skill the call runs (`skills`), allowlist (`mcp://<serverName>/<tool>`), Agent Guard on the
 * params and the rest of the policy,
 * through the decision engine; a refusal in enforce mode is `{ block: true, blockReason }`. Any
 * internal failure blocks in enforce mode (fail closed) and allows in observe mode.
 * `afterToolCall` hands the result to the engine, which writes the audit row with its hash.
 */
export function createToolHooks(runtime: MoltbotRuntime): MoltbotToolHooks {
  const { resolved, pending, logger } = runtime;
  const block = (
    toolName: string,
    reason: string,
    message: string,
  ): OpenClawBeforeToolCallResult | undefined => {
    runtime.notify({
      hook: "before_tool_call",
      outcome: resolved.enforce ? "block" : "would_block",
      reason,
      toolName,
    });
    return resolved.enforce
      ? { block: true, blockReason: `sec0 blocked ${toolName}: ${message}` }
      : undefined;
  };

  return {
    async beforeToolCall(event, ctx) {
      const toolName =
        typeof event?.toolName === "string" && event.toolName !== "" ? event.toolName : undefined;
      if (toolName === undefined)
        return block("(unnamed tool)", "invalid_tool_call", "the call names no tool.");
      if (runtime.isClosed())
        return block(toolName, "hooks_closed", "the sec0 hooks are closed (fail closed).");
      try {
        const refused = await decideAndOpen(runtime, toolName, event, ctx);
        if (refused !== undefined) return block(toolName, refused.reason, refused.message);
        runtime.notify({ hook: "before_tool_call", outcome: "allow", reason: null, toolName });
        return undefined;
      } catch (error) {
        logger.error(
          { err: describe(error), toolName },
          "sec0: before_tool_call failed; deciding fail-closed",
        );
        return block(toolName, "evaluation_error", "sec0 could not decide on this call (fail closed).");
      }
    },

    async afterToolCall(event, ctx) {
      try {
        const toolName = typeof event?.toolName === "string" ? event.toolName : "";
        const ran = snapshotParams(event.params);
        const paramsJson = ran.ok ? { paramsJson: JSON.stringify(ran.args) } : {};
        const outcome =
          typeof event.error === "string" && event.error !== ""
            ? { error: event.error, ...paramsJson }
            : { result: event.result, ...paramsJson };
        const found = await pending.settle(pendingKey(event, ctx, toolName), outcome);
        if (!found) logger.warn({ toolName }, "sec0: after_tool_call for a call sec0 did not allow; ignored");
      } catch (error) {
        logger.error({ err: describe(error) }, "sec0: after_tool_call failed to record the result");
      }
    },
  };
}

/**
 * Decides one call; when it may run, registers it to wait for its `after_tool_call`. Returns why
 * it may not run, or `undefined`.
 */
async function decideAndOpen(
  runtime: MoltbotRuntime,
  toolName: string,
  event: OpenClawBeforeToolCallEvent,
  ctx: OpenClawToolContext,
): Promise<{ readonly reason: string; readonly message: string } | undefined> {
  const { resolved, logger } = runtime;
  const snapshot = snapshotParams(event.params);
  if (!snapshot.ok) {
    await recordUndecidable(runtime, toolName, snapshot.why);
    return { reason: "invalid_tool_params", message: `${snapshot.why}.` };
  }
  const startedAt = Date.now();
  const skill = await checkSkill(runtime, toolName, snapshot.args, ctx);
  const fields: Record<string, unknown> = skill === undefined ? {} : { skill: skill.skill };
  const call = {
    ...governedCall(resolved.config.serverName, toolName, snapshot.args, event, ctx, runtime, fields),
    ...(skill === undefined || skill.faults.length === 0 ? {} : { faults: skill.faults }),
  };
  // One deadline for the whole decision: the skill check's time comes off the engine's.
  const remainingMs = Math.max(1, resolved.decisionTimeoutMs - (Date.now() - startedAt));
  const opened = await openToolCall(runtime.engine, call, remainingMs);
  if (opened.status === "timeout")
    return {
      reason: "decision_timeout",
      message: `no decision within ${resolved.decisionTimeoutMs} ms (fail closed).`,
    };
  if (opened.status === "refused") return { reason: opened.refusal.reason, message: opened.refusal.message };
  const decidedJson = JSON.stringify(snapshot.args);
  runtime.pending.add(pendingKey(event, ctx, toolName), (outcome) => {
    // OpenClaw lets a later before_tool_call handler replace the params: say so in the record.
    if (outcome.paramsJson !== undefined && outcome.paramsJson !== decidedJson) {
      fields.params_changed_after_decision = true;
      logger.warn({ toolName }, "sec0: the tool ran with other params than sec0 decided on");
    }
    return opened.settle(outcome);
  });
  return undefined;
}

function governedCall(
  serverName: string,
  toolName: string,
  args: Record<string, unknown>,
  event: OpenClawBeforeToolCallEvent,
  ctx: OpenClawToolContext,
  runtime: MoltbotRuntime,
  /** Mutable: `afterToolCall` may add to it before the record is written (the engine reads it then). */
  fields: Record<string, unknown>,
): GovernedCall {
  const agentRef = toAgentRef(ctx?.sessionKey ?? ctx?.runId ?? event.runId);
  const quarantined = runtime.quarantine.has(conversationKey({ sessionKey: ctx?.sessionKey }));
  return {
    server: { name: serverName },
    tool: toolName,
    args,
    headers: {
      "x-node-id": toNodeId(ctx?.agentId),
      ...(agentRef === undefined ? {} : { "x-agent-ref": agentRef }),
    },
    ...(quarantined ? { reasons: [QUARANTINE_REASON] } : {}),
    auditFields: {
      openclaw: Object.assign(fields, {
        tool_call_id: event.toolCallId ?? ctx?.toolCallId ?? null,
        session_key: ctx?.sessionKey ?? null,
        quarantined,
      }),
    },
  };
}

/**
 * The skill the call runs, checked by the skill gate (which writes its own `node_type: "skill"`
 * row); its refusing reasons become faults of the call, which block in enforce mode whatever
 * `deny_on` says (the gate's thresholds already decided), as the engine's own scan hooks do.
 */
async function checkSkill(
  runtime: MoltbotRuntime,
  toolName: string,
  params: Record<string, unknown>,
  ctx: OpenClawToolContext,
): Promise<SkillCheckOutcome | undefined> {
  if (runtime.skillCheck === undefined) return undefined;
  const input = {
    toolName,
    params,
    ...(ctx?.agentId === undefined ? {} : { agentId: ctx.agentId }),
    ...(ctx?.sessionKey === undefined ? {} : { sessionKey: ctx.sessionKey }),
  };
  const outcome = await withDeadline(runtime.skillCheck.check(input), runtime.resolved.decisionTimeoutMs);
  if (outcome !== DEADLINE_PASSED) return outcome;
  return {
    faults: [SKILL_PENDING],
    skill: { ref: "unknown", allowed: false, change: "first_seen", cached: false },
  };
}

/** One audit row for a call refused before the engine could read it. */
async function recordUndecidable(runtime: MoltbotRuntime, toolName: string, why: string): Promise<void> {
  const call: GovernedCall = {
    server: { name: runtime.resolved.config.serverName },
    tool: toolName,
    args: {},
  };
  await runtime.engine.recordRefusal(call, { reason: "invalid_tool_params", message: why });
}

function pendingKey(
  event: { readonly toolCallId?: string | undefined },
  ctx: OpenClawToolContext | undefined,
  toolName: string,
): string {
  const id = event?.toolCallId ?? ctx?.toolCallId;
  if (typeof id === "string" && id !== "") return `id:${id}`;
  return `session:${ctx?.sessionKey ?? ctx?.sessionId ?? ctx?.runId ?? ""}:${toolName}`;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
