import { canonicalReasonCode, expandReasonCodes } from "./reason-codes.js";

/** `observe` records violations and never blocks; `enforce` applies deny_on and escalate_on. */
export type EnforcementMode = "observe" | "enforce";

export type DecisionAction = "allow" | "deny" | "escalate";

/** Input of {@link decide}. */
export interface DecideInput {
  readonly mode: EnforcementMode;
  readonly denyOn: readonly string[];
  readonly escalateOn?: readonly string[];
  /** Violations found by the checks, in the order they were found. */
  readonly reasons: readonly string[];
  /**
   * Failures of the evaluation itself (an exception in a check, no policy). They deny in
   * enforce mode whatever the lists say: sec0 fails closed when deciding.
   */
  readonly faults?: readonly string[];
  /** Whether an escalation channel is configured; without one an escalation becomes a deny. */
  readonly escalationAvailable: boolean;
}

/** Output of {@link decide}. */
export interface Decision {
  readonly action: DecisionAction;
  /** The reason that decided a deny or escalate; for an allow, the first recorded reason if any. */
  readonly reason?: string;
  /** Every reason and fault, canonicalised and de-duplicated, in input order. */
  readonly reasons: readonly string[];
  readonly mode: EnforcementMode;
  /** What enforce mode would have decided, reported in observe mode. */
  readonly wouldBe?: DecisionAction;
  /** True when the call needed a human but no escalation channel existed, so it was denied. */
  readonly escalationUnavailable?: boolean;
}

/**
 * The decision algebra (docs/principles.md, principle 1) as one pure function.
 *
 * In enforce mode: any fault denies; else a reason that is in `escalateOn` escalates (a human may
 * approve what `denyOn` alone would deny) unless another reason is only in `denyOn`, which denies;
 * an escalation without a channel denies; reasons in neither list never block. Observe mode
 * always allows and reports what enforce would have done.
 *
 * @example
 * decide({ mode: "enforce", denyOn: ["tool_not_in_allowlist"], reasons: ["tool_not_in_allowlist"], escalationAvailable: false });
 * // { action: "deny", reason: "tool_not_in_allowlist", ... }
 */
export function decide(input: DecideInput): Decision {
  const faults = unique(input.faults ?? []);
  const reasons = faults.length === 0 ? unique(input.reasons) : unique([...faults, ...input.reasons]);
  const enforced = enforce(input, faults, reasons);
  if (input.mode === "observe") {
    const first = reasons[0];
    return {
      action: "allow",
      ...(first === undefined ? {} : { reason: first }),
      reasons,
      mode: "observe",
      wouldBe: enforced.action,
    };
  }
  return enforced;
}

function enforce(input: DecideInput, faults: readonly string[], reasons: readonly string[]): Decision {
  const base = { reasons, mode: "enforce" as const };
  const fault = faults[0];
  if (fault !== undefined) return { ...base, action: "deny", reason: fault };
  // Nothing to weigh (the common call): the lists need not be expanded.
  if (reasons.length === 0) return { ...base, action: "allow" };
  const denyOn = new Set(expandReasonCodes(input.denyOn));
  const escalateOn = new Set(expandReasonCodes(input.escalateOn ?? []));
  const hardDeny = reasons.find((reason) => denyOn.has(reason) && !escalateOn.has(reason));
  if (hardDeny !== undefined) return { ...base, action: "deny", reason: hardDeny };
  const escalation = reasons.find((reason) => escalateOn.has(reason));
  if (escalation !== undefined) {
    return input.escalationAvailable
      ? { ...base, action: "escalate", reason: escalation }
      : { ...base, action: "deny", reason: escalation, escalationUnavailable: true };
  }
  const first = reasons[0];
  return { ...base, action: "allow", ...(first === undefined ? {} : { reason: first }) };
}

function unique(codes: readonly string[]): string[] {
  if (codes.length === 0) return [];
  return [
    ...new Set(codes.map((code) => canonicalReasonCode(code.trim())).filter((code) => code.length > 0)),
  ];
}
