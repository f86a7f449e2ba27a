import { isSec0Error, type ScanReport } from "@sec0/core";
import { defaultScannerEnv, runScannerProcess } from "../exec/run-scanner-process.js";
import { failedReport } from "../report.js";
import { parseNucleiJsonl } from "./parse-nuclei-jsonl.js";

/** Options of {@link runNuclei}. */
export interface RunNucleiOptions {
  /** http(s) URL of the tool server; on 127.0.0.1 / ::1 / localhost unless `allowRemote`. */
  readonly target: string;
  /** Template files or directories (`-t`, once each). */
  readonly templates: string | readonly string[];
  /** Binary to run: a bare name looked up on PATH, or an absolute path; default `nuclei`. */
  readonly bin?: string;
  /** Bare names or absolute paths that may run; default `["nuclei"]`. */
  readonly allowedBins?: readonly string[];
  /** Whole-process timeout, default 120 000; also bounds Nuclei's per-request `-timeout` (≤ 10 s). */
  readonly timeoutMs?: number;
  readonly tags?: readonly string[];
  readonly excludeTags?: readonly string[];
  /** `-severity`, e.g. `["high", "critical"]`. */
  readonly severity?: readonly string[];
  /** Scan a target that is not on this host. */
  readonly allowRemote?: boolean;
  /** The whole environment of the process; default PATH, HOME, TMPDIR and LANG of this one. */
  readonly env?: Record<string, string | undefined>;
}

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** Why `target` may not be scanned, or undefined when it may. */
export function nucleiTargetProblem(target: string, allowRemote: boolean): string | undefined {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return `target ${JSON.stringify(target)} is not a URL`;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    return `target protocol ${url.protocol} is not http(s)`;
  if (!allowRemote && !LOCAL_HOSTS.has(url.hostname))
    return `target host ${url.hostname} is not local (set allowRemote)`;
  return undefined;
}

/**
 * Runs Nuclei against a local tool server (`-u <url> -jsonl -silent -t <templates> -timeout <s>`,
 * plus `-duc -ni`: no update check, no interactsh callbacks off the host). Never rejects; the
 * allow-list, missing binary, timeout and a target that is not allowed are `fail` reports with a coded error.
 */
export async function runNuclei(options: RunNucleiOptions): Promise<ScanReport> {
  const startedAt = performance.now();
  const ctx = { kind: "dast", scanner: "nuclei", startedAt } as const;
  const problem = nucleiTargetProblem(options.target, options.allowRemote === true);
  if (problem !== undefined) return failedReport(ctx, "SCANNERS_TARGET_NOT_ALLOWED", problem);
  const timeoutMs = options.timeoutMs ?? 120_000;
  const run = await runScannerProcess(ctx, {
    bin: options.bin ?? "nuclei",
    allowedBins: options.allowedBins ?? ["nuclei"],
    args: nucleiArgs(options, timeoutMs),
    timeoutMs,
    env: options.env ?? defaultScannerEnv(),
  });
  if (!run.ok) return run.report;
  if (run.exitCode !== 0 && run.stdout.trim() === "") {
    return failedReport(
      ctx,
      "SCANNERS_SCANNER_FAILED",
      `nuclei exited ${run.exitCode}: ${run.stderr.slice(-500)}`,
    );
  }
  try {
    return { ...parseNucleiJsonl(run.stdout), durationMs: Math.round(performance.now() - startedAt) };
  } catch (error) {
    return failedReport(ctx, "SCANNERS_SCANNER_FAILED", isSec0Error(error) ? error.message : String(error));
  }
}

/** The argument vector of {@link runNuclei}. */
export function nucleiArgs(options: RunNucleiOptions, timeoutMs: number): string[] {
  const requestTimeout = Math.max(1, Math.min(10, Math.floor(timeoutMs / 1000)));
  const templates = typeof options.templates === "string" ? [options.templates] : options.templates;
  const args = ["-u", options.target, "-jsonl", "-silent", "-duc", "-ni", "-timeout", String(requestTimeout)];
  for (const t of templates) args.push("-t", t);
  if (options.tags?.length) args.push("-tags", options.tags.join(","));
  if (options.excludeTags?.length) args.push("-etags", options.excludeTags.join(","));
  if (options.severity?.length) args.push("-severity", options.severity.join(","));
  return args;
}
