import type { ScanFinding, ScanReport } from "@sec0/core";
import { buildReport } from "../report.js";
import { judgeProbe, type ProbeOutcome, prototypePollution } from "./judge-probe.js";
import { DEFAULT_PROBES, type Probe, probeArgs } from "./probes.js";

/** Options of {@link probeTool}. */
export interface ProbeToolOptions {
  /** Calls the tool once with these arguments (in process, over MCP, through a sandbox). */
  readonly invoke: (args: Record<string, unknown>) => Promise<unknown>;
  /** The string arguments of the tool's input schema to fill with payloads; `input` when none. */
  readonly argNames?: readonly string[];
  /** Default {@link DEFAULT_PROBES}. */
  readonly probes?: readonly Probe[];
  /** Per-probe timeout, default 5 000 ms. */
  readonly timeoutMs?: number;
  /** Default 32; the probe set is cut to it. */
  readonly maxProbes?: number;
  /** The engine's own output detectors, run on every output that came back. */
  readonly checkOutput?: (output: unknown) => readonly ScanFinding[];
}

/** The scanner name of the DAST probe runner. */
export const DAST_PROBE_SCANNER = "dast-probe@1";

/**
 * DAST of one tool: calls it once per probe, one at a time, each with a timeout, and reports what
 * came back (file contents, command output, reflected injection payloads, non-Error throws,
 * timeouts, prototype pollution, plus `checkOutput`'s findings). `fail` on any finding.
 */
export async function probeTool(options: ProbeToolOptions): Promise<ScanReport> {
  const startedAt = performance.now();
  const timeoutMs = options.timeoutMs ?? 5000;
  const probes = (options.probes ?? DEFAULT_PROBES).slice(0, Math.max(0, options.maxProbes ?? 32));
  const findings: ScanFinding[] = [];
  for (const probe of probes) {
    const outcome = await callWithTimeout(
      options.invoke,
      probeArgs(probe, options.argNames ?? []),
      timeoutMs,
    );
    findings.push(...judgeProbe(probe, outcome), ...prototypePollution(probe));
    if (outcome.kind === "returned" && options.checkOutput !== undefined) {
      findings.push(
        ...options
          .checkOutput(outcome.output)
          .map((f) => ({ ...f, message: `${f.message} (probe ${probe.id})` })),
      );
    }
  }
  return buildReport({ kind: "dast", scanner: DAST_PROBE_SCANNER, startedAt }, findings);
}

async function callWithTimeout(
  invoke: ProbeToolOptions["invoke"],
  args: Record<string, unknown>,
  timeoutMs: number,
): Promise<ProbeOutcome> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<ProbeOutcome>((resolve) => {
    timer = setTimeout(() => resolve({ kind: "timeout", timeoutMs }), timeoutMs);
  });
  const call = (async (): Promise<ProbeOutcome> => {
    try {
      return { kind: "returned", output: await invoke(args) };
    } catch (error) {
      return { kind: "threw", error };
    }
  })();
  try {
    return await Promise.race([call, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
