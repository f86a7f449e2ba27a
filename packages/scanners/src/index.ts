// The public API of @sec0/scanners, listed by name.

export { DAST_PROBE_SCANNER, type ProbeToolOptions, probeTool } from "./dast/probe-tool.js";
export { DEFAULT_PROBES, PROMPT_INJECTION_PAYLOADS, type Probe, type ProbeCategory } from "./dast/probes.js";
export {
  runInSandbox,
  SANDBOX_NETWORK_BLOCKED,
  SANDBOX_PRELOAD_PATH,
  type SandboxOptions,
  type SandboxProcess,
  type SandboxResult,
} from "./dast/run-in-sandbox.js";
export { SCANNERS_ERRORS, type ScannersErrorCode } from "./errors.js";
export { parseNucleiJsonl } from "./nuclei/parse-nuclei-jsonl.js";
export { type RunNucleiOptions, runNuclei } from "./nuclei/run-nuclei.js";
export { type ImportSarifOptions, importSarif } from "./sarif/import-sarif.js";
export { PARSE_ERROR_RULE, SAST_RULES, type SastRule } from "./sast/rule-table.js";
export {
  BUILTIN_SAST_SCANNER,
  type ScanJavaScriptSourceOptions,
  scanJavaScriptSource,
} from "./sast/scan-javascript-source.js";
export { SEC0_RULES, type Sec0Rule, sec0Plugin } from "./sast/sec0-rules.js";
export { parseSemgrepJson } from "./semgrep/parse-semgrep-json.js";
export { type RunSemgrepOptions, runSemgrep } from "./semgrep/run-semgrep.js";
