import type { ScanFinding } from "@sec0/core";
import { type AgentGuard, createAgentGuard } from "@sec0/evaluator";

const CWE_BY_DETECTOR: Readonly<Record<string, readonly string[]>> = {
  prompt_injection: ["CWE-74", "CWE-1427"],
  tool_poisoning: ["CWE-1427"],
  data_exfiltration: ["CWE-200"],
  malicious_code: ["CWE-506"],
};

let guard: AgentGuard | undefined;

/**
 * The output detectors over one probe's answer: what a tool hands an agent that would fail the
 * Agent Guard (blocking findings at the default `high`), as DAST findings `dast/output-<detector>`.
 * A tool that injects instructions of its own (not only reflecting the probe) is caught here.
 */
export function outputDetectorFindings(output: unknown): ScanFinding[] {
  guard ??= createAgentGuard({ enabled: true, block_on_severity: "high" });
  const verdict = guard.scanOutput(output);
  if (verdict.decision !== "block") return [];
  return verdict.findings
    .filter((finding) => finding.severity === "high" || finding.severity === "critical")
    .map((finding) => ({
      ruleId: `dast/output-${finding.detector}`,
      message: `The tool's answer fails the output detectors (${finding.code}): ${finding.evidence}`.slice(
        0,
        300,
      ),
      severity: finding.severity,
      ...(CWE_BY_DETECTOR[finding.detector] === undefined ? {} : { cwe: CWE_BY_DETECTOR[finding.detector] }),
      source: "detector",
    }));
}
