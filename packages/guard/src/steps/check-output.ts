import { type Decision, decide } from "@sec0/core";
import type { PolicySnapshot } from "@sec0/policy";
import type { AuditFinding } from "../audit/build-audit-envelope.js";
import { type ScanOutcome, scanSide } from "../content/scan-side.js";
import type { EngineContext } from "../engine/engine-context.js";
import type { Refusal } from "../engine/engine-types.js";
import { createRefusal } from "../engine/refusal.js";

/** What the output checks let through, or the refusal that withholds the result. */
export type OutputCheck =
  | {
      readonly status: "pass";
      /** The result to return: redacted when redaction applied. */
      readonly result: unknown;
      readonly findings: readonly AuditFinding[];
      /** Every reason of the call: the decision's, then the output's. */
      readonly reasons: readonly string[];
      /** Observe mode saw an output violation. */
      readonly wouldDeny: boolean;
      readonly redacted: boolean;
    }
  | { readonly status: "withheld"; readonly refusal: Refusal; readonly findings: readonly AuditFinding[] };

/**
 * Step 6: detectors and compliance rules on the tool's output. They can redact it, or withhold
 * it when a listed reason is found (the tool has run; its result does not leave).
 */
export function checkOutput(
  engine: EngineContext,
  snapshot: PolicySnapshot,
  decision: Decision,
  result: unknown,
): OutputCheck | Promise<OutputCheck> {
  const { compiled } = snapshot;
  const agentGuard = engine.guardFor(compiled);
  const scanned = scanSide("output", result, compiled, agentGuard, engine.options.adapters?.judge);
  return scanned instanceof Promise
    ? scanned.then((output) => judgeOutput(compiled, decision, result, output))
    : judgeOutput(compiled, decision, result, scanned);
}

function judgeOutput(
  compiled: PolicySnapshot["compiled"],
  decision: Decision,
  result: unknown,
  output: ScanOutcome,
): OutputCheck {
  const reasons = [...decision.reasons];
  let wouldDeny = false;
  if (output.reasons.length > 0 || output.faults.length > 0) {
    const after = decide({
      mode: compiled.mode,
      denyOn: compiled.denyOn,
      escalateOn: [...compiled.escalateOn, ...output.escalate],
      reasons: output.reasons,
      faults: output.faults,
      escalationAvailable: false,
    });
    if (after.action !== "allow") {
      const withheld = [...reasons, ...after.reasons, "output_withheld"];
      const reason = after.reason ?? "output_withheld";
      return {
        status: "withheld",
        refusal: createRefusal("withheld", reason, withheld),
        findings: output.findings,
      };
    }
    wouldDeny = after.wouldBe !== undefined && after.wouldBe !== "allow";
    for (const reason of after.reasons) if (!reasons.includes(reason)) reasons.push(reason);
  }
  const redacted = output.redacted !== undefined;
  return {
    status: "pass",
    result: redacted ? output.redacted : result,
    findings: output.findings,
    reasons,
    wouldDeny,
    redacted,
  };
}
