import type { ScanReport } from "@sec0/core";
import { Sec0Error } from "@sec0/core";
import type { ScanRunner, ScanTarget } from "@sec0/guard";
import { runNuclei } from "@sec0/scanners";
import { type DastOptions, type DastScanSettings, sandboxedServerOf } from "./dast-options.js";
import { probeInSandbox, withFindings } from "./probe-in-sandbox.js";

/**
 * The DAST runner of the middleware: probes a changed tool on a sandboxed copy of its server
 * (the `dast.server` option), then, with the policy's `dast.nuclei`, runs Nuclei against
 * `nuclei.target` and merges its findings. Without `dast.server` every DAST scan fails (the scan
 * manager then blocks the tool as `dast_failed` for `rule_ttl`).
 * @throws {Sec0Error} `MIDDLEWARE_CONFIG_INVALID` for a `dast.server` that is not a Node script.
 */
export function createDastRunner(option: DastOptions | undefined, cwd: string): ScanRunner {
  const server = option === undefined ? undefined : sandboxedServerOf(option, cwd);
  return async (target: ScanTarget): Promise<ScanReport> => {
    if (server === undefined) {
      throw new Sec0Error(
        "MIDDLEWARE_CONFIG_INVALID",
        "The policy enables dast but the middleware has no dast.server option: the tool cannot be probed.",
      );
    }
    const settings = target.settings as DastScanSettings;
    const probed = await probeInSandbox(server, settings);
    return settings.nuclei === undefined ? probed : withNuclei(probed, settings);
  };
}

async function withNuclei(probed: ScanReport, settings: DastScanSettings): Promise<ScanReport> {
  const nuclei = settings.nuclei;
  if (nuclei === undefined) return probed;
  const report = await runNuclei({
    target: nuclei.target,
    templates: nuclei.templates,
    bin: nuclei.bin,
    // The policy names the binary; only the bare `nuclei` on PATH may run (a policy never picks a command).
    allowedBins: ["nuclei"],
    timeoutMs: nuclei.timeoutMs,
    tags: nuclei.tags,
    excludeTags: nuclei.excludeTags,
    severity: nuclei.severity,
  });
  const merged = { ...withFindings(probed, report.findings), scanner: `${probed.scanner}+${report.scanner}` };
  return report.error === undefined
    ? merged
    : { ...merged, status: "fail", error: probed.error ?? report.error };
}
