import { isSec0Error, type ScanReport } from "@sec0/core";
import { defaultScannerEnv, runScannerProcess } from "../exec/run-scanner-process.js";
import { failedReport } from "../report.js";
import { parseSemgrepJson } from "./parse-semgrep-json.js";

/** Options of {@link runSemgrep}. */
export interface RunSemgrepOptions {
  /** The file or directory to scan. */
  readonly target: string;
  /** `--config` value: `p/javascript`, `auto`, or a rules file. */
  readonly ruleset: string;
  /** Binary to run: a bare name looked up on PATH, or an absolute path; default `semgrep`. */
  readonly bin?: string;
  /** Default 60 000; the process is SIGKILLed at the timeout. */
  readonly timeoutMs?: number;
  /** Bare names or absolute paths that may run; default `["semgrep"]`. */
  readonly allowedBins?: readonly string[];
  /** The whole environment of the process; default PATH, HOME, TMPDIR and LANG of this one. */
  readonly env?: Record<string, string | undefined>;
}

/**
 * Runs Semgrep (`--json --quiet --config <ruleset> <target>`, execFile, no shell) and reports its
 * results. Never rejects: a binary outside the allow-list (never executed), a missing binary, a
 * timeout, output over 32 MiB or unparseable output is a `fail` report with a coded `error`.
 */
export async function runSemgrep(options: RunSemgrepOptions): Promise<ScanReport> {
  const startedAt = performance.now();
  const ctx = { kind: "sast", scanner: "semgrep", startedAt } as const;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const run = await runScannerProcess(ctx, {
    bin: options.bin ?? "semgrep",
    allowedBins: options.allowedBins ?? ["semgrep"],
    args: ["--json", "--quiet", "--config", options.ruleset, "--", options.target],
    timeoutMs,
    env: options.env ?? defaultScannerEnv(),
  });
  if (!run.ok) return run.report;
  try {
    const report = parseSemgrepJson(run.stdout);
    return { ...report, durationMs: Math.round(performance.now() - startedAt) };
  } catch (error) {
    const why = isSec0Error(error) ? error.message : String(error);
    return failedReport(
      ctx,
      "SCANNERS_SCANNER_FAILED",
      `semgrep exited ${run.exitCode} without a report (${why}); stderr: ${run.stderr.slice(-500)}`,
    );
  }
}
