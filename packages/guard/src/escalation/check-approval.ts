import type { ApprovalVerifier } from "./control-plane-escalations.js";
import type { EscalationResolution } from "./escalation-client.js";

/** The call an approved escalation must be bound to (see `computeCallDigest`). */
export interface ApprovalBinding {
  readonly toolRef: string;
  readonly callDigest: string;
  readonly nodeId?: string;
  readonly runId?: string;
}

/**
 * Whether an `approved` verdict counts:
 * - `{ valid: true }`: its approval token was verified for this very call;
 * - `no_approval_token`: the verdict came without one (or it was already handed out);
 * - `refused`: the verifier said no, `detail` is its `invalid_reason` (`already_used`, `expired`,
 *   `call_mismatch`, …, or `invalid`);
 * - `unverifiable`: the verifier could not answer, `detail` is its error's message and `error`
 *   the error itself (its `code` for a `Sec0Error`).
 */
export type ApprovalCheckResult =
  | { readonly valid: true }
  | { readonly valid: false; readonly reason: "no_approval_token" }
  | { readonly valid: false; readonly reason: "refused"; readonly detail: string }
  | {
      readonly valid: false;
      readonly reason: "unverifiable";
      readonly detail: string;
      readonly error: unknown;
    };

/**
 * Checks the approval token of an approved escalation against the call it must be bound to. Every
 * surface that lets a human's approval run a call (the app-level guard, hops, the OpenClaw hooks)
 * asks this one function; it never throws, so a verifier failure is a refusal (fail closed).
 *
 * @example
 * const check = await checkApproval(verifier, resolution, { toolRef, callDigest, runId });
 * if (!check.valid) refuse(check.reason);
 */
export async function checkApproval(
  verifier: ApprovalVerifier,
  resolution: EscalationResolution,
  binding: ApprovalBinding,
): Promise<ApprovalCheckResult> {
  const token = resolution.details?.approvalToken;
  if (token === undefined) return { valid: false, reason: "no_approval_token" };
  try {
    const verdict = await verifier.verify({
      token,
      toolRef: binding.toolRef,
      callDigest: binding.callDigest,
      ...(binding.nodeId === undefined ? {} : { nodeId: binding.nodeId }),
      ...(binding.runId === undefined ? {} : { runId: binding.runId }),
    });
    if (verdict.valid === true) return { valid: true };
    return { valid: false, reason: "refused", detail: verdict.invalid_reason ?? "invalid" };
  } catch (error) {
    return {
      valid: false,
      reason: "unverifiable",
      detail: error instanceof Error ? error.message : String(error),
      error,
    };
  }
}
