import type { EscalationResolution, EscalationWaitOptions } from "../escalation/escalation-client.js";
import { checkGuardInput } from "./check-guard-input.js";
import { executeGuarded, type GuardedAction } from "./execute-guarded.js";
import type { GuardExecuteHandlers, GuardPendingResult, Sec0GuardConfig } from "./guard-config.js";
import { GuardConfigError } from "./guard-errors.js";
import { createGuardSetup } from "./guard-setup.js";
import type { GuardDecision, GuardInput, GuardMode } from "./guard-types.js";

/** The app-level guard: one per app, shared by every call site. */
export interface Sec0Guard {
  readonly mode: GuardMode;
  /** Decides and records; never runs anything. */
  check(input: GuardInput): Promise<GuardDecision>;
  /**
   * Decides, then runs `action` when allowed (with the redacted input for `redact`), or after a
   * human approved; otherwise `onBlock`'s value or an error. Escalating without waiting returns
   * `{ decision }` and runs nothing.
   */
  execute<T, B = never>(
    input: GuardInput,
    action: GuardedAction<T>,
    handlers?: GuardExecuteHandlers<B>,
  ): Promise<T | B | GuardPendingResult>;
  /** Waits for an escalation created earlier (e.g. by `execute` with `waitForEscalation: false`). */
  waitForResolution(id: string, options?: EscalationWaitOptions): Promise<EscalationResolution>;
  /** Flushes the audit records and stops background refreshes. */
  close(): Promise<void>;
}

/**
 * Creates the app-level guard for side effects outside MCP servers and the gateway: outbound
 * messages, API calls, tool calls from app code. Policy comes from `provider.local` (inline rules
 * or a policy file), the control plane (`provider.remote`), or both (`hybrid`); decisions use the
 * middleware's decision algebra; each is written to the signed audit log.
 *
 * @throws {GuardConfigError} `GUARD_CONFIG_INVALID` for a mode whose provider is missing, a bad
 *   inline policy, or no signing key for the audit log.
 * @example
 * const guard = createSec0Guard({
 *   provider: { local: { policy: { defaultOutcome: "allow", rules: [{ kind: "message_outbound", target: "discord:supplier", outcome: "block" }] } } },
 * });
 * const decision = await guard.check({ kind: "message_outbound", target: "discord:supplier", content: "hi" });
 * decision.outcome; // "block"
 */
export function createSec0Guard(config: Sec0GuardConfig = {}): Sec0Guard {
  const setup = createGuardSetup(config);
  const check = (input: GuardInput) => checkGuardInput(setup, input);
  return {
    mode: setup.mode,
    check,
    execute: (input, action, handlers = {}) => executeGuarded(setup, check, input, action, handlers),
    async waitForResolution(id, options) {
      if (setup.escalation === undefined) {
        throw new GuardConfigError(
          "escalation",
          "This guard has no escalation channel (escalation.enabled is false, or no control-plane API key).",
        );
      }
      return setup.escalation.client.waitForResolution(id, options);
    },
    async close() {
      setup.provider.close();
      await setup.auditSink.flush?.();
      // A sink passed in (shared with the middleware, say) belongs to the caller; ours is closed.
      if (config.audit?.sink === undefined)
        await (setup.auditSink as { close?: () => Promise<void> }).close?.();
    },
  };
}
