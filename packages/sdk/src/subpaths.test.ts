// Every subpath of sec0-sdk must load from the built output (dist/), exactly as a user's
// `import ... from "sec0-sdk/<subpath>"` resolves it, and re-export its package's names.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const manifest = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")) as {
  exports: Record<string, unknown>;
};
// Subpaths whose target is a stub under not-available/ throw on import (missing-subpaths.test.ts).
const subpaths = Object.entries(manifest.exports)
  .filter(([key, target]) => key !== "./package.json" && !JSON.stringify(target).includes("/not-available/"))
  .map(([key]) => key);
const built = existsSync(join(packageDir, "dist/index.js"));

// Names a user pastes from the docs, per subpath; each must exist in the built module.
const expectedNames: Record<string, string[]> = {
  ".": [
    "Sec0Error",
    "parsePolicyYaml",
    "validatePolicy",
    "matchesAllowlist",
    "Sec0Appender",
    "sec0SecurityMiddleware",
  ],
  "./core": ["compileAllowlist", "decide", "canonicalize", "parseToolRef", "Sec0Error", "REASON_CODES"],
  "./agent-state": ["encodeAgentStateHeaders", "decodeAgentStateHeader", "extractAgentStateFromHeaders"],
  "./signer": ["LocalDevSigner", "sha256Hex", "canonicalize"],
  "./policy": ["parsePolicyYaml", "validatePolicy"],
  "./audit": ["Sec0Appender"],
  "./evaluator": ["createAgentGuard", "scanValue"],
  "./instrumentation": ["initializeSec0App", "sec0", "AgentManager", "sec0Agent", "runHop"],
  "./otel": [
    "initTracing",
    "getTracer",
    "setSpanAttributes",
    "extractContextFromHeaders",
    "startInvokeSpan",
    "startExecSpan",
    "endSpanOk",
    "endSpanErr",
  ],
  "./mandate-ap2": [
    "AP2_INTENT_HEADER",
    "AP2_CART_HEADER",
    "AP2_BUNDLE_HEADER",
    "AP2_CART_DIGEST_HEADER",
    "AP2_CONSTRAINTS_DIGEST_HEADER",
    "canonicalizeJson",
    "sha256Hex",
    "computeArgsDigest",
    "compareArgsToDigest",
    "decodeCompactJwsPayload",
    "verifyAp2MandatesFromHeaders",
  ],
  "./guard": [
    "createSec0Guard",
    "createApprovalsBridgeTransport",
    "createNoopApprovalTransport",
    "GuardBlockedError",
    "GuardEscalationError",
    "GuardEscalationTimeoutError",
    "GuardPolicyUnavailableError",
    "GuardConfigError",
  ],
  "./integrations/openclaw": ["createMoltbotHooks", "createMoltbotPlugin", "createMoltbotEscalationManager"],
  "./middleware": [
    "sec0SecurityMiddleware",
    "sec0LocalMiddleware",
    "sec0HostedMiddleware",
    "callToolViaGateway",
    "callToolViaGatewayWithAgent",
  ],
};

function importBuilt(subpath: string): string[] {
  const specifier = subpath === "." ? "sec0-sdk" : `sec0-sdk/${subpath.slice(2)}`;
  // A child process without the @sec0/source condition resolves exactly what users get: dist/.
  const out = execFileSync(
    process.execPath,
    [
      "--input-type=module",
      "-e",
      `const m = await import(${JSON.stringify(specifier)}); console.log(JSON.stringify(Object.keys(m)));`,
    ],
    { cwd: packageDir, encoding: "utf8" },
  );
  return JSON.parse(out) as string[];
}

describe.skipIf(!built)("sec0-sdk subpaths (built output)", () => {
  it("has at least the core subpaths", () => {
    expect(subpaths).toEqual(expect.arrayContaining([".", "./core", "./agent-state"]));
  });

  it.each(subpaths)("%s loads from dist and exports the documented names", (subpath) => {
    const names = importBuilt(subpath);
    expect(names.length).toBeGreaterThan(0);
    expect(names).toEqual(expect.arrayContaining(expectedNames[subpath] ?? []));
  });
});

if (!built) {
  // Say why instead of passing silently: `pnpm test` builds before running vitest.
  console.warn("sec0-sdk subpath test skipped: packages/sdk/dist is missing; run `pnpm build` first.");
}
