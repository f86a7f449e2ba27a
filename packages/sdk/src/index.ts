// The root of sec0-sdk: the names 0.2.3 exported from its root, plus the error class. Prefer the
// subpaths (`sec0-sdk/policy`, `sec0-sdk/middleware`, ...) in new code.

export { Sec0Appender } from "@sec0/audit";
export { isSec0Error, Sec0Error } from "@sec0/core";
export { RUNTIME_PROTOCOL_VERSION } from "@sec0/core/contracts";
export { createHostedSec0Preset, createLocalSec0Preset } from "@sec0/middleware";
export { matchesAllowlist, normalizeAllowlist, parsePolicyYaml, validatePolicy } from "@sec0/policy";
export { sec0HostedMiddleware, sec0LocalMiddleware, sec0SecurityMiddleware } from "./with-trace-export.js";
