import type { GuardExecuteHandlers, GuardPendingResult } from "./guard-config.js";
import { GuardBlockedError, GuardConfigError, GuardEscalationTimeoutError } from "./guard-errors.js";
import { type ResolvedGuardEscalation, runEscalation } from "./guard-escalation.js";
import type { GuardSetup } from "./guard-setup.js";
import type { GuardDecision, GuardInput } from "./guard-types.js";
import { recordGuardDecision } from "./record-guard-decision.js";

/** The side effect `execute` guards. */
export type GuardedAction<T> = (input: GuardInput, decision: GuardDecision) => T | Promise<T>;

/**
 * `guard.execute`: `allow` runs the action; `redact` runs it with the redacted input; `block`
 * returns `onBlock`'s value or throws `GuardBlockedError`; `escalate` creates the escalation and,
 * when waiting, runs the action only on `approved` (recorded as its own audit record). A rejected
 * or expired escalation blocks; a timeout throws `GuardEscalationTimeoutError` unless `onBlock`
 * handles it. The action runs at most once.
 */
export async function executeGuarded<T, B>(
  setup: GuardSetup,
  check: (input: GuardInput) => Promise<GuardDecision>,
  input: GuardInput,
  action: GuardedAction<T>,
  handlers: GuardExecuteHandlers<B>,
): Promise<T | B | GuardPendingResult> {
  if (typeof action !== "function")
    throw new GuardConfigError("action", "guard.execute needs an action function.");
  const decision = await check(input);
  if (decision.outcome === "allow") return action(input, decision);
  if (decision.outcome === "redact") {
    const redacted =
      handlers.onRedactInput !== undefined
        ? await handlers.onRedactInput(decision, input)
        : { ...input, content: decision.redactedContent };
    return action(redacted, decision);
  }
  if (decision.outcome === "block") {
    return blocked(decision, handlers, `Guard blocked execution (${decision.reason ?? "blocked"})`);
  }
  const escalation = setup.escalation as ResolvedGuardEscalation;
  const startedAt = setup.now();
  const run = await runEscalation(
    { escalation, hooks: setup.config.hooks ?? {}, logger: setup.logger },
    input,
    decision,
    handlers.waitForEscalation ?? setup.waitByDefault,
    handlers.signal,
  );
  if (run.status === "pending") return { decision: run.decision };
  const { status } = run.resolution;
  const final: GuardDecision = { ...run.decision, shouldProceed: status === "approved" };
  await recordGuardDecision(setup, {
    event: "escalation_resolved",
    input,
    decision: final,
    auditDecision: status === "approved" ? "allow" : "deny",
    startedAt,
  });
  if (status === "approved") return action(input, final);
  if (status === "timeout" && handlers.onBlock === undefined) {
    throw new GuardEscalationTimeoutError(
      `Nobody decided escalation ${run.created.id} within ${escalation.timeoutMs} ms; the action did not run.`,
      { escalationId: run.created.id, reason: decision.reason, reasons: decision.reasons },
    );
  }
  return blocked(final, handlers, `Escalation resolved as ${status} (${decision.reason ?? "escalation"})`);
}

async function blocked<B>(
  decision: GuardDecision,
  handlers: GuardExecuteHandlers<B>,
  message: string,
): Promise<B> {
  if (handlers.onBlock !== undefined) return handlers.onBlock(decision);
  throw new GuardBlockedError(message, {
    reason: decision.reason,
    reasons: decision.reasons,
    provider: decision.provider,
    ...(decision.escalation?.escalationId === undefined
      ? {}
      : { escalationId: decision.escalation.escalationId }),
    ...(decision.escalation?.status === undefined ? {} : { escalationStatus: decision.escalation.status }),
  });
}
