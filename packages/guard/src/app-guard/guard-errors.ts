import { Sec0Error, type Sec0ErrorDetails } from "@sec0/core";

/**
 * `guard.execute` refused the action: the policy blocked it, or a human rejected it, or the
 * escalation expired (`GUARD_BLOCKED`). `details` has `reason`, `reasons` and `provider`.
 *
 * @example
 * try { await guard.execute(input, send); } catch (e) { if (e instanceof GuardBlockedError) … }
 */
export class GuardBlockedError extends Sec0Error<"GUARD_BLOCKED"> {
  constructor(message: string, details: Sec0ErrorDetails) {
    super("GUARD_BLOCKED", message, { details });
    this.name = "GuardBlockedError";
  }
}

/**
 * The escalation lifecycle failed: creating, reading or resolving it, or checking the approval
 * (`GUARD_ESCALATION_FAILED`). The action did not run.
 */
export class GuardEscalationError extends Sec0Error<"GUARD_ESCALATION_FAILED"> {
  constructor(message: string, options: { details?: Sec0ErrorDetails; cause?: unknown } = {}) {
    super("GUARD_ESCALATION_FAILED", message, options);
    this.name = "GuardEscalationError";
  }
}

/** Nobody decided within the wait's `timeoutMs` (`GUARD_ESCALATION_TIMEOUT`); the action did not run. */
export class GuardEscalationTimeoutError extends Sec0Error<"GUARD_ESCALATION_TIMEOUT"> {
  constructor(message: string, details: Sec0ErrorDetails) {
    super("GUARD_ESCALATION_TIMEOUT", message, { details });
    this.name = "GuardEscalationTimeoutError";
  }
}

/** The wait was aborted through its `AbortSignal` (`GUARD_ESCALATION_ABORTED`); the action did not run. */
export class GuardEscalationAbortError extends Sec0Error<"GUARD_ESCALATION_ABORTED"> {
  constructor(message: string, details: Sec0ErrorDetails) {
    super("GUARD_ESCALATION_ABORTED", message, { details });
    this.name = "GuardEscalationAbortError";
  }
}

/**
 * No policy could be obtained: the local file is unreadable or invalid and, in hybrid mode, the
 * control plane too (`GUARD_POLICY_UNAVAILABLE`). `check` and `execute` refuse; nothing runs.
 */
export class GuardPolicyUnavailableError extends Sec0Error<"GUARD_POLICY_UNAVAILABLE"> {
  constructor(message: string, options: { details?: Sec0ErrorDetails; cause?: unknown } = {}) {
    super("GUARD_POLICY_UNAVAILABLE", message, options);
    this.name = "GuardPolicyUnavailableError";
  }
}

/**
 * The guard's configuration or an input is unusable (`GUARD_CONFIG_INVALID`); `details.field`
 * names the field.
 */
export class GuardConfigError extends Sec0Error<"GUARD_CONFIG_INVALID"> {
  constructor(field: string, message: string, options: { cause?: unknown } = {}) {
    super("GUARD_CONFIG_INVALID", message, { details: { field }, ...options });
    this.name = "GuardConfigError";
  }
}
