import { decideGuardInput } from "./decide-guard-input.js";
import { GuardConfigError, GuardPolicyUnavailableError } from "./guard-errors.js";
import type { ResolvedGuardPolicy } from "./guard-policy.js";
import type { GuardSetup } from "./guard-setup.js";
import { GUARD_KINDS, type GuardDecision, type GuardInput, type GuardMode } from "./guard-types.js";
import { recordGuardDecision } from "./record-guard-decision.js";

/**
 * `guard.check`: validates the input, resolves the policy, decides and records. No policy is a
 * refusal, recorded, and `GUARD_POLICY_UNAVAILABLE` thrown: a control-plane failure never allows.
 *
 * @throws {GuardConfigError} `GUARD_CONFIG_INVALID` for an unknown kind or a malformed input.
 * @throws {GuardPolicyUnavailableError} `GUARD_POLICY_UNAVAILABLE` when no policy could be had.
 */
export async function checkGuardInput(setup: GuardSetup, input: GuardInput): Promise<GuardDecision> {
  const startedAt = setup.now();
  assertInput(input);
  const target = input.target ?? input.context?.target;
  const nodeId = input.context?.nodeId;
  const request = nodeId === undefined ? NO_NODE : { nodeId };
  // An inline policy is at hand synchronously: no promise to wait on per decision.
  let resolved: ResolvedGuardPolicy | undefined = setup.provider.peek?.(request);
  if (resolved === undefined) {
    try {
      resolved = await setup.provider.get(request);
    } catch (error) {
      return refuseWithoutPolicy(setup, input, target, startedAt, error);
    }
  }
  let draft = decideGuardInput(input, target, resolved, setup.decideDeps);
  if (draft instanceof Promise) draft = await draft;
  const decision: GuardDecision =
    draft.decision.outcome === "escalate"
      ? { ...draft.decision, escalation: { shouldEscalate: true, waitForResolution: setup.waitByDefault } }
      : draft.decision;
  let written = recordGuardDecision(setup, {
    event: "check",
    input,
    decision,
    auditDecision: draft.auditDecision,
    startedAt,
    resolved,
  });
  if (written instanceof Promise) written = await written;
  if (written || !decision.shouldProceed) return decision;
  // The policy enforces missing_audit_signature: an action that could not be recorded does not run.
  return {
    ...decision,
    outcome: "block",
    shouldProceed: false,
    reason: "missing_audit_signature",
    reasons: [...decision.reasons, "missing_audit_signature"],
  };
}

const NO_NODE = Object.freeze({});

async function refuseWithoutPolicy(
  setup: GuardSetup,
  input: GuardInput,
  target: string | undefined,
  startedAt: number,
  error: unknown,
): Promise<never> {
  const unavailable =
    error instanceof GuardPolicyUnavailableError
      ? error
      : new GuardPolicyUnavailableError(`No policy: ${(error as Error)?.message ?? String(error)}`, {
          cause: error,
        });
  const decision = unavailableDecision(input, target, setup.mode, unavailable);
  await recordGuardDecision(setup, { event: "check", input, decision, auditDecision: "deny", startedAt });
  throw unavailable;
}

function assertInput(input: GuardInput): void {
  if (typeof input !== "object" || input === null)
    throw new GuardConfigError("input", "guard input must be an object.");
  if (!GUARD_KINDS.includes(input.kind)) {
    throw new GuardConfigError(
      "input.kind",
      `input.kind must be one of ${GUARD_KINDS.join(", ")} (got ${JSON.stringify(input.kind)}).`,
    );
  }
  const target = input.target ?? input.context?.target;
  if (target !== undefined && typeof target !== "string") {
    throw new GuardConfigError("input.target", "input.target must be a string.");
  }
  if (input.context !== undefined && (typeof input.context !== "object" || input.context === null)) {
    throw new GuardConfigError("input.context", "input.context must be an object.");
  }
}

function unavailableDecision(
  input: GuardInput,
  target: string | undefined,
  mode: GuardMode,
  error: GuardPolicyUnavailableError,
): GuardDecision {
  return {
    outcome: "block",
    shouldProceed: false,
    kind: input.kind,
    target: target ?? null,
    reason: "policy_unavailable",
    reasons: ["policy_unavailable"],
    provider: {
      mode,
      source: mode === "standalone" ? "local" : "remote",
      policyHash: null,
      fallbackReason: error.message,
    },
  };
}
