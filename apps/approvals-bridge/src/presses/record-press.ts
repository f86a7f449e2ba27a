import { type AuditSink, generateSpanId, generateTraceId, type Logger } from "@sec0/core";
import type { Press, PressOutcome } from "../platforms/platform.js";

/** What the audit record of a press says beyond the press itself. */
export interface PressFacts {
  readonly tenant: string | undefined;
  readonly approverId: string | undefined;
  readonly outcome: PressOutcome;
  /** The escalation's status after the press, when known. */
  readonly statusAfter?: string;
}

/**
 * Appends the signed record of one press, counted or refused: platform, platform user id, chat
 * and message ids, the press id, the verdict, the approver it counted for and the outcome. A
 * failure to record is logged; it does not undo a vote the control plane already counted.
 */
export async function recordPress(
  sink: AuditSink,
  logger: Logger,
  press: Press,
  facts: PressFacts,
  now: number,
): Promise<void> {
  const envelope: Record<string, unknown> = {
    ts: new Date(now).toISOString(),
    trace_id: generateTraceId(),
    span_id: generateSpanId(),
    tenant: facts.tenant ?? "unknown",
    server: "sec0-approvals-bridge",
    tool: "bridge.press@1.0",
    node_type: "approvals_bridge",
    status: "ok",
    escalation_id: press.escalationId,
    platform: press.platform,
    platform_user_id: press.userId,
    ...(press.userName === undefined ? {} : { platform_user_name: press.userName }),
    channel_id: press.channelId,
    message_id: press.messageId,
    press_id: press.pressId,
    verdict: press.verdict,
    approver_id: facts.approverId ?? null,
    outcome: facts.outcome.kind,
    reason: facts.outcome.kind === "refused" ? facts.outcome.reason : null,
    ...(facts.statusAfter === undefined ? {} : { escalation_status: facts.statusAfter }),
  };
  try {
    await sink.append(envelope, { urgent: true });
  } catch (error) {
    logger.error(
      { err: (error as Error).message, escalation_id: press.escalationId },
      "sec0 bridge: recording a press failed",
    );
  }
}
