import type { ScanReport } from "@sec0/core";
import { failedReport, type ReportContext } from "../report.js";
import { resolveBinary } from "./resolve-binary.js";
import { runBinary } from "./run-binary.js";

/** What an external scanner adapter asks for. */
export interface ScannerProcessOptions {
  readonly bin: string;
  readonly allowedBins: readonly string[];
  readonly args: readonly string[];
  readonly timeoutMs: number;
  readonly env: Record<string, string | undefined>;
}

/** The scanner's output, or the failed report to return as it is. */
export type ScannerProcessResult =
  | { readonly ok: true; readonly stdout: string; readonly stderr: string; readonly exitCode: number }
  | { readonly ok: false; readonly report: ScanReport };

/**
 * Resolves the binary against the allow-list (refused binaries never run), runs it, and turns
 * every way it can fail to run (not allowed, not found, timeout, output over the cap) into a
 * `fail` report whose error starts with the code.
 */
export async function runScannerProcess(
  ctx: ReportContext,
  options: ScannerProcessOptions,
): Promise<ScannerProcessResult> {
  const resolved = await resolveBinary(options.bin, options.allowedBins, options.env.PATH);
  if (!resolved.ok) return { ok: false, report: failedReport(ctx, resolved.code, resolved.message) };
  const run = await runBinary(resolved.path, options.args, {
    timeoutMs: options.timeoutMs,
    env: options.env,
  });
  switch (run.outcome) {
    case "timeout":
      return fail(ctx, "SCANNERS_TIMEOUT", `${options.bin} timeout after ${options.timeoutMs} ms (killed)`);
    case "too_large":
      return fail(ctx, "SCANNERS_INPUT_TOO_LARGE", `${options.bin} printed more than 32 MiB (killed)`);
    case "spawn_failed":
      return fail(ctx, "SCANNERS_SCANNER_FAILED", `${options.bin} did not start: ${run.spawnError}`);
    default:
      return { ok: true, stdout: run.stdout, stderr: run.stderr, exitCode: run.exitCode ?? 0 };
  }
}

function fail(
  ctx: ReportContext,
  code: Parameters<typeof failedReport>[1],
  message: string,
): ScannerProcessResult {
  return { ok: false, report: failedReport(ctx, code, message) };
}

/** The environment a scanner gets by default: PATH, HOME, TMPDIR and LANG of this process, nothing else. */
export function defaultScannerEnv(): Record<string, string | undefined> {
  const { PATH, HOME, TMPDIR, LANG } = process.env;
  return { PATH, HOME, TMPDIR, LANG };
}
