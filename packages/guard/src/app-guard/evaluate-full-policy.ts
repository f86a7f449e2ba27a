import { type Decision, decide } from "@sec0/core";
import type { ComplianceJudge, PolicySnapshot } from "@sec0/policy";
import type { AuditFinding } from "../audit/build-audit-envelope.js";
import type { EffectiveAgentGuard } from "../content/guard-cache.js";
import { type ScanOutcome, scanSide } from "../content/scan-side.js";
import { guardToolRef } from "./guard-tool-ref.js";
import type { GuardInput } from "./guard-types.js";

/** What a full sec0 policy says about one input. */
export interface FullPolicyVerdict {
  readonly decision: Decision;
  readonly findings: readonly AuditFinding[];
  /** The content with Agent Guard's redactions (`privacy.redact_outputs`, `action: redact`). */
  readonly redacted?: unknown;
}

/**
 * Checks one input against a full sec0 policy, then decides with the same decision algebra as the
 * middleware (`decide` of `@sec0/core`: `deny_on` denies, `escalate_on` escalates when a channel
 * exists, an empty `deny_on` observes):
 * - `tool_call` / `mcp_call`: the target against `tools.allowlist` (`tool_not_in_allowlist`);
 * - `api_call`: the target URL against `security.egress_allowlist` (`egress_violation`);
 * - the content through Agent Guard and the compliance packs, as the data leaving the app
 *   (`output`) for `message_outbound` and `api_call`, as a tool's arguments (`input`) otherwise.
 * A check that throws is a fault: it denies in enforce mode (fail closed).
 */
export function evaluateFullPolicy(
  input: GuardInput,
  target: string | undefined,
  snapshot: PolicySnapshot,
  agentGuard: EffectiveAgentGuard,
  options: { readonly judge?: ComplianceJudge; readonly escalationAvailable: boolean },
): FullPolicyVerdict | Promise<FullPolicyVerdict> {
  const { compiled } = snapshot;
  const reasons: string[] = [];
  const faults: string[] = [];
  if (input.kind === "tool_call" || input.kind === "mcp_call") {
    const ref = guardToolRef(target);
    if (ref === undefined || !compiled.allowlist.match(ref).matched) reasons.push("tool_not_in_allowlist");
  } else if (input.kind === "api_call" && compiled.egress !== undefined) {
    if (target === undefined || !safeIsAllowed(compiled.egress, target)) reasons.push("egress_violation");
  }
  const finish = (scan: ScanOutcome | undefined): FullPolicyVerdict => {
    const decision = decide({
      mode: compiled.mode,
      denyOn: compiled.denyOn,
      escalateOn: [...compiled.escalateOn, ...(scan?.escalate ?? [])],
      reasons: [...reasons, ...(scan?.reasons ?? [])],
      faults: [...faults, ...(scan?.faults ?? [])],
      escalationAvailable: options.escalationAvailable,
    });
    return {
      decision,
      findings: scan?.findings ?? [],
      ...(scan?.redacted === undefined ? {} : { redacted: scan.redacted }),
    };
  };
  if (input.content === undefined) return finish(undefined);
  const side = input.kind === "message_outbound" || input.kind === "api_call" ? "output" : "input";
  try {
    const scan = scanSide(side, input.content, compiled, agentGuard, options.judge);
    if (!(scan instanceof Promise)) return finish(scan);
    return scan.then(finish, () => {
      faults.push("evaluation_error");
      return finish(undefined);
    });
  } catch {
    faults.push("evaluation_error");
    return finish(undefined);
  }
}

function safeIsAllowed(egress: { isAllowed(url: string): boolean }, target: string): boolean {
  try {
    return egress.isAllowed(target);
  } catch {
    return false;
  }
}
