import type { ScanFinding, Severity } from "@sec0/core";
import type { Probe } from "./probes.js";

/** How one probe call ended. */
export type ProbeOutcome =
  | { readonly kind: "returned"; readonly output: unknown }
  | { readonly kind: "threw"; readonly error: unknown }
  | { readonly kind: "timeout"; readonly timeoutMs: number };

const UNIX_PASSWD = /root:x:0:0/;
const WIN_INI = /\[extensions\]/i;
const ID_OUTPUT = /\buid=\d+\([^)]*\)\s+gid=\d+/;
/** Output beyond this is not searched (a tool echoing 1 MiB back is reported by size instead). */
const MAX_TEXT = 4 * 1024 * 1024;

const finding = (
  ruleId: string,
  probe: Probe,
  severity: Severity,
  cwe: string[],
  message: string,
): ScanFinding => ({
  ruleId,
  message: `${message} (probe ${probe.id})`,
  severity,
  cwe,
  source: "dast-probe",
});

/** Text of an output or error, as an agent would see it. */
export function outputText(value: unknown): string {
  if (typeof value === "string") return value.slice(0, MAX_TEXT);
  if (value instanceof Error) return `${value.name}: ${value.message}`.slice(0, MAX_TEXT);
  try {
    return (JSON.stringify(value) ?? String(value)).slice(0, MAX_TEXT);
  } catch {
    return String(value).slice(0, MAX_TEXT);
  }
}

/**
 * Findings of one probe: file contents (`root:x:0:0`, `[extensions]`), `id` output, a prompt-
 * injection payload handed back verbatim, a throw that is not an Error, a timeout.
 */
export function judgeProbe(probe: Probe, outcome: ProbeOutcome): ScanFinding[] {
  if (outcome.kind === "timeout") {
    return [
      finding("dast/probe-timeout", probe, "medium", ["CWE-400"], `No answer within ${outcome.timeoutMs} ms`),
    ];
  }
  const out: ScanFinding[] = [];
  if (outcome.kind === "threw" && !(outcome.error instanceof Error)) {
    out.push(
      finding(
        "dast/unclean-error",
        probe,
        "low",
        ["CWE-755"],
        `Threw a non-Error value (${typeof outcome.error})`,
      ),
    );
  }
  const text = outputText(outcome.kind === "threw" ? outcome.error : outcome.output);
  if (UNIX_PASSWD.test(text) || WIN_INI.test(text)) {
    const viaCommand = probe.category === "command_injection";
    out.push(
      viaCommand
        ? finding(
            "dast/command-injection",
            probe,
            "critical",
            ["CWE-78"],
            "A shell payload printed a system file",
          )
        : finding(
            "dast/file-disclosure",
            probe,
            "high",
            ["CWE-22"],
            "The output holds a system file's contents",
          ),
    );
  } else if (ID_OUTPUT.test(text)) {
    out.push(
      finding(
        "dast/command-injection",
        probe,
        "critical",
        ["CWE-78"],
        "The output holds `id` output: the payload ran",
      ),
    );
  }
  if (
    probe.category === "prompt_injection" &&
    typeof probe.payload === "string" &&
    text.includes(probe.payload)
  ) {
    out.push(
      finding(
        "dast/prompt-injection-reflected",
        probe,
        "medium",
        ["CWE-74", "CWE-1427"],
        "The injection payload is handed back verbatim to the agent",
      ),
    );
  }
  return out;
}

/** A finding when a probe left `Object.prototype` polluted (then cleans it up). */
export function prototypePollution(probe: Probe): ScanFinding[] {
  const proto = Object.prototype as Record<string, unknown>;
  if (!("sec0Polluted" in proto)) return [];
  delete proto.sec0Polluted;
  return [
    finding(
      "dast/prototype-pollution",
      probe,
      "high",
      ["CWE-1321"],
      "The tool copied a __proto__ key onto Object.prototype",
    ),
  ];
}
