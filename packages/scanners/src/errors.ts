import { defineErrorCodes } from "@sec0/core";

/** The error codes `@sec0/scanners` throws or reports, each with what it means; docs/errors.md says what to do. */
export const SCANNERS_ERRORS = defineErrorCodes({
  SCANNERS_BINARY_NOT_ALLOWED:
    "runSemgrep / runNuclei got a binary whose basename is not in allowedBins (or a relative path); it was not executed.",
  SCANNERS_BINARY_NOT_FOUND: "The allowed binary is not on PATH (or the absolute path does not exist).",
  SCANNERS_TIMEOUT:
    "The scanner process (or a DAST probe, or a sandboxed script) ran past its timeout and was killed.",
  SCANNERS_INPUT_TOO_LARGE:
    "Scanner output or an imported report is over 32 MiB, or holds more than 100 000 results.",
  SCANNERS_INPUT_INVALID:
    "An imported report (SARIF, Semgrep JSON) is not JSON or not of the expected shape.",
  SCANNERS_TARGET_NOT_ALLOWED:
    "runNuclei got a target that is not http(s) on 127.0.0.1 / ::1 / localhost and allowRemote was not set.",
  SCANNERS_SANDBOX_NETWORK_BLOCKED:
    "Inside runInSandbox: the script tried to reach a host other than 127.0.0.1 / ::1 / localhost (the error's code).",
  SCANNERS_SCANNER_FAILED: "The scanner process exited with an error and printed no parseable report.",
});

/** A code of {@link SCANNERS_ERRORS}. */
export type ScannersErrorCode = keyof typeof SCANNERS_ERRORS;
