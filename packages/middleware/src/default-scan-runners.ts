import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ScanReport } from "@sec0/core";
import type { ScanRunner, ScanTarget } from "@sec0/guard";
import type { SastScanner } from "@sec0/policy";
import { runSemgrep, scanJavaScriptSource } from "@sec0/scanners";

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

/** The default runners by scan kind. */
export const DEFAULT_SCAN_RUNNERS = Object.freeze({ sast: sastRunner });
