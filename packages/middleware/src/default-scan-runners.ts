import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ScanKind, ScanReport } from "@sec0/core";
import type { ScanRunner, ScanTarget } from "@sec0/guard";
import type { SastScanner } from "@sec0/policy";
import { runSemgrep, scanJavaScriptSource } from "@sec0/scanners";
import { createDastRunner } from "./dast/create-dast-runner.js";
import type { DastOptions } from "./dast/dast-options.js";

/**
 * The SAST runner the middleware uses unless `adapters.scanRunners` replaces it: the policy's
 * `sast.scanner` picks the built-in scanner (ESLint security rules and the malicious-code
 * detector over the handler's source) or Semgrep (the source written to a private temp file, the
 * allow-listed binary, the policy's ruleset and timeout).
 */
export const sastRunner: ScanRunner = async (target: ScanTarget): Promise<ScanReport> => {
  const scanner = (target.settings as SastScanner | undefined) ?? { kind: "builtin" };
  const source = target.source ?? "";
  if (scanner.kind === "builtin")
    return scanJavaScriptSource(source, { filename: "<handler>", tool: target.subject });
  const dir = await mkdtemp(join(tmpdir(), "sec0-sast-"));
  try {
    const file = join(dir, "handler.js");
    await writeFile(file, `const __sec0_handler = (${source});\n`, { mode: 0o600 });
    return await runSemgrep({
      target: file,
      ruleset: scanner.ruleset,
      bin: scanner.bin,
      timeoutMs: scanner.timeoutMs,
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

/** The default runners by scan kind, without DAST (it needs the `dast.server` option). */
export const DEFAULT_SCAN_RUNNERS = Object.freeze({ sast: sastRunner });

/**
 * The default runners for these options: SAST, and DAST on a sandboxed copy of the server
 * (`dast.server`; without it DAST scans fail).
 * @throws {Sec0Error} `MIDDLEWARE_CONFIG_INVALID` for a `dast.server` that is not a Node script.
 */
export function defaultScanRunners(
  dast: DastOptions | undefined,
  cwd: string,
): Readonly<Partial<Record<ScanKind, ScanRunner>>> {
  return Object.freeze({ ...DEFAULT_SCAN_RUNNERS, dast: createDastRunner(dast, cwd) });
}
