import type { GuardDecision } from "@sec0/guard";
import { conversationKey } from "./conversation-quarantine.js";
import type { MoltbotRuntime } from "./create-moltbot-runtime.js";
import type {
  OpenClawMessageContext,
  OpenClawMessageReceivedEvent,
  OpenClawMessageSendingEvent,
  OpenClawMessageSendingResult,
} from "./openclaw-plugin-api.js";
import { toAgentRef } from "./snapshot-params.js";
import { DEADLINE_PASSED, withDeadline } from "./with-deadline.js";

/** The message hooks of {@link createMoltbotHooks}. */
export interface MoltbotMessageHooks {
  messageReceived(event: OpenClawMessageReceivedEvent, ctx: OpenClawMessageContext): Promise<void>;
  messageSending(
    event: OpenClawMessageSendingEvent,
    ctx: OpenClawMessageContext,
  ): Promise<OpenClawMessageSendingResult | undefined>;
}

/**
 * Creates the message hooks. `messageReceived` scans an inbound message as input to the agent
 * (Agent Guard: prompt injection and the other input detectors); one that the policy denies
 * quarantines its conversation (OpenClaw cannot drop an inbound message from this hook): the
 * session's outbound messages are cancelled and its tool calls carry `agent_guard_failed` until
 * the quarantine ends. `messageSending` checks an outbound message with the app-level guard
 * (Agent Guard on data leaving the agent, the policy's `deny_on` / `escalate_on`): a block is
 * `{ cancel: true, cancelReason }`, a redaction replaces the content, an escalation goes to the
 * configured escalation manager; then the contextual evaluator, when configured, may refuse or
 * escalate what the guard let through. Internal failures cancel in enforce mode.
 */
export function createMessageHooks(runtime: MoltbotRuntime): MoltbotMessageHooks {
  const { resolved, logger } = runtime;
  const cancel = (reason: string, why: string, target: string): OpenClawMessageSendingResult | undefined => {
    runtime.notify({
      hook: "message_sending",
      outcome: resolved.enforce ? "cancel" : "would_block",
      reason,
      target,
    });
    return resolved.enforce ? { cancel: true, cancelReason: `sec0: ${why} (${reason})` } : undefined;
  };

  return {
    async messageReceived(event, ctx) {
      try {
        const content = typeof event?.content === "string" ? event.content : safeJson(event?.content);
        const outcome = await runtime.engine.governServerRequest({
          server: { name: resolved.config.serverName },
          method: "openclaw.message_received",
          params: { from: String(event?.from ?? ""), content },
        });
        if (outcome.status !== "refused") return;
        const key = conversationKey({ sessionKey: event?.sessionKey, ...ctx });
        if (key !== undefined) runtime.quarantine.add(key);
        runtime.notify({
          hook: "message_received",
          outcome: "quarantine",
          reason: outcome.refusal.reason,
          target: key ?? "",
        });
      } catch (error) {
        logger.error({ err: String(error) }, "sec0: message_received scan failed");
      }
    },

    async messageSending(event, ctx) {
      const target = targetOf(event, ctx);
      const answered = await withDeadline(checkOutbound(event, ctx, target), resolved.messageTimeoutMs);
      if (answered !== DEADLINE_PASSED) return answered;
      return cancel(
        "decision_timeout",
        `no decision within ${resolved.messageTimeoutMs} ms (fail closed)`,
        target,
      );
    },
  };

  async function checkOutbound(
    event: OpenClawMessageSendingEvent,
    ctx: OpenClawMessageContext,
    target: string,
  ): Promise<OpenClawMessageSendingResult | undefined> {
    if (runtime.isClosed()) return cancel("hooks_closed", "the sec0 hooks are closed (fail closed)", target);
    try {
      if (typeof event?.content !== "string")
        return cancel("invalid_message", "the message content is not text", target);
      const key = conversationKey(ctx ?? {});
      if (runtime.quarantine.has(key)) {
        await runtime.engine.recordRefusal(
          {
            server: { name: resolved.config.serverName },
            tool: "openclaw.message_sending",
            args: { to: target },
          },
          {
            reason: "conversation_quarantined",
            message: "An inbound message of this conversation failed its scan.",
          },
        );
        return cancel(
          "conversation_quarantined",
          "this conversation is quarantined after a suspicious inbound message",
          target,
        );
      }
      const decision = await runtime.guard.check({
        kind: "message_outbound",
        target,
        content: event.content,
        context: {
          channelId: ctx.channelId,
          ...(ctx.sessionKey === undefined ? {} : { runId: ctx.sessionKey }),
        },
      });
      const judged = await consultContext(runtime, decision, event, ctx, target);
      if (judged.refusedBy !== undefined)
        return cancel(judged.refusedBy, "the contextual evaluator refused the message", target);
      return await answer(runtime, judged.decision, event, ctx, target, cancel);
    } catch (error) {
      logger.error(
        { err: String(error), target },
        "sec0: message_sending check failed; deciding fail-closed",
      );
      return cancel("evaluation_error", "sec0 could not check this message (fail closed)", target);
    }
  }
}

/**
 * The contextual evaluator on a message the guard let through (0.2.3's order): a denial (or an
 * evaluator failure with `onError: "deny"`) refuses it, recorded as a refusal in enforce mode; an
 * escalation turns the decision into one, which goes to the escalation manager as the policy's do.
 */
async function consultContext(
  runtime: MoltbotRuntime,
  decision: GuardDecision,
  event: OpenClawMessageSendingEvent,
  ctx: OpenClawMessageContext,
  target: string,
): Promise<{ readonly decision: GuardDecision; readonly refusedBy?: string }> {
  const check = runtime.messageContext;
  if (check === undefined || (decision.outcome !== "allow" && decision.outcome !== "redact"))
    return { decision };
  const verdict = await check.check({
    to: typeof event.to === "string" ? event.to : safeJson(event.to),
    content: event.content,
    channelId: typeof ctx?.channelId === "string" ? ctx.channelId : "unknown",
    ...(ctx?.sessionKey === undefined ? {} : { sessionKey: ctx.sessionKey }),
  });
  const refusedBy =
    verdict.fault ?? (verdict.reason === "contextual_evaluator_denied" ? verdict.reason : undefined);
  if (refusedBy !== undefined) {
    if (runtime.resolved.enforce)
      await runtime.engine.recordRefusal(
        {
          server: { name: runtime.resolved.config.serverName },
          tool: "openclaw.message_sending",
          args: { to: target },
        },
        { reason: refusedBy, message: "The contextual evaluator refused the outbound message." },
      );
    return { decision, refusedBy };
  }
  if (verdict.reason === undefined) return { decision };
  return {
    decision: { ...decision, outcome: "escalate", reason: verdict.reason, violation: verdict.reason },
  };
}

async function answer(
  runtime: MoltbotRuntime,
  decision: GuardDecision,
  event: OpenClawMessageSendingEvent,
  ctx: OpenClawMessageContext,
  target: string,
  cancel: (reason: string, why: string, target: string) => OpenClawMessageSendingResult | undefined,
): Promise<OpenClawMessageSendingResult | undefined> {
  const reason = decision.reason ?? "policy_block";
  switch (decision.outcome) {
    case "allow":
      runtime.notify({ hook: "message_sending", outcome: "allow", reason: decision.reason, target });
      return undefined;
    case "redact":
      runtime.notify({ hook: "message_sending", outcome: "redact", reason: decision.reason, target });
      return { content: asText(decision.redactedContent) };
    case "block":
      return cancel(reason, "the message was refused by policy", target);
    case "escalate": {
      const manager = runtime.resolved.config.escalation;
      if (manager === undefined) return cancel(reason, "the message needs a human's approval", target);
      const agentRef = toAgentRef(ctx.sessionKey);
      const settled = await manager.handle({
        gateResult: {
          escalate: true,
          escalationDetails: {
            violation: decision.violation ?? reason,
            toolRef: `openclaw:message:${target}`,
            findings: (decision.findings ?? []).map((f) => ({
              code: f.code,
              message: f.message,
              ...(isSeverity(f.severity) ? { severity: f.severity } : {}),
            })),
          },
        },
        content: event.content,
        ...(agentRef === undefined ? {} : { agentRef }),
        metadata: { channel_id: ctx.channelId, target },
      });
      if (settled.allow) {
        runtime.notify({
          hook: "message_sending",
          outcome: "allow",
          reason: `escalation_${settled.status}`,
          target,
        });
        return undefined;
      }
      return cancel(reason, `the escalation ended ${settled.status}`, target);
    }
  }
}

/** `<channel>:<recipient>`, never throwing (a hostile `to` with a throwing `toString`). */
function targetOf(
  event: OpenClawMessageSendingEvent | undefined,
  ctx: OpenClawMessageContext | undefined,
): string {
  try {
    const channel = typeof ctx?.channelId === "string" ? ctx.channelId : "unknown";
    return `${channel}:${typeof event?.to === "string" ? event.to : safeJson(event?.to)}`;
  } catch {
    return "unknown:unknown";
  }
}

function isSeverity(value: unknown): value is "low" | "medium" | "high" | "critical" {
  return value === "low" || value === "medium" || value === "high" || value === "critical";
}

function asText(value: unknown): string {
  return typeof value === "string" ? value : safeJson(value);
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? "";
  } catch {
    return "[unserializable]";
  }
}
