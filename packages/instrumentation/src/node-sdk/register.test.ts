// `node --import @sec0/instrumentation/node-sdk/register` in a child process, against the built
// dist/ and resolved through the package's own exports (the child runs in the package directory,
// which Node resolves as a self-reference). Spans go to an OTLP/HTTP stand-in on 127.0.0.1.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type OtlpStandIn, startOtlpStandIn } from "./__fixtures__/otlp-stand-in.js";

const PACKAGE_DIR = join(dirname(fileURLToPath(import.meta.url)), "../..");
const BUILT = ["dist/index.js", "dist/node-sdk/index.js", "dist/node-sdk/register.js"];
const missingBuilt = BUILT.filter((file) => !existsSync(join(PACKAGE_DIR, file)));
const skipReason =
  missingBuilt.length === 0
    ? undefined
    : `${missingBuilt.join(", ")} missing: run \`npx --yes pnpm@10.34.9 --filter @sec0/instrumentation build\` first`;
if (skipReason !== undefined) console.warn(`node-sdk child-process tests skipped: ${skipReason}`);

/** A decorated agent hop in plain JavaScript; prints its audit record's ids. */
const APP = `
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { initializeSec0App, sec0 } from "@sec0/instrumentation";
initializeSec0App({
  app: { tenant: "acme", environment: "dev", client: { name: "shop", version: "1.2.3" },
    hops: { "ChildAgent.run": { type: "agent", nodeId: "child-agent", agentName: "child", agentVersion: "1.0.0" } } },
  controlPlane: { sec0Dir: ".sec0", localSignerPath: ".sec0/keys/ed25519.key" },
}, { cwd: mkdtempSync(join(tmpdir(), "sec0-node-sdk-child-")), env: {} });
const records = [];
const auditSink = { append: async (record) => { records.push(record); } };
const run = sec0.wrap.agent("ChildAgent.run", async (_ctx, input) => input, { auditSink });
await run({}, "ok");
console.log(JSON.stringify({ spanId: records[0]?.span_id, traceId: records[0]?.trace_id }));
`;

/** Hides @opentelemetry/sdk-node from the child, as on a machine where it is not installed. */
const HIDE_SDK = `data:text/javascript,${encodeURIComponent(`
import { register } from "node:module";
register("data:text/javascript," + encodeURIComponent(\`
export async function resolve(specifier, context, next) {
  if (specifier !== "@opentelemetry/sdk-node") return next(specifier, context);
  throw Object.assign(new Error("Cannot find package '@opentelemetry/sdk-node'"), { code: "ERR_MODULE_NOT_FOUND" });
}\`));
`)}`;

interface ChildResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function runChild(args: readonly string[], env: Record<string, string>): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...args], {
      cwd: PACKAGE_DIR,
      env: { PATH: process.env.PATH ?? "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const describeRun = (result: ChildResult): string =>
  `exit ${result.code}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`;

describe.skipIf(skipReason !== undefined)(
  "node --import @sec0/instrumentation/node-sdk/register (built)",
  () => {
    let collector: OtlpStandIn;
    let env: Record<string, string>;

    beforeAll(async () => {
      collector = await startOtlpStandIn();
      env = {
        OTEL_EXPORTER_OTLP_ENDPOINT: collector.server.baseUrl,
        OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: "http/json",
        OTEL_METRICS_EXPORTER: "none",
        OTEL_LOGS_EXPORTER: "none",
        OTEL_SERVICE_NAME: "child-service",
      };
    });
    afterAll(() => collector.server.close());

    it("starts the SDK from the environment and exports the hop's span before the process exits", async () => {
      const register = "@sec0/instrumentation/node-sdk/register";
      const result = await runChild(["--import", register, "--input-type=module", "-e", APP], env);
      expect(result.code, describeRun(result)).toBe(0);
      const ids = JSON.parse(result.stdout.trim()) as { spanId: string; traceId: string };
      expect(ids.spanId).toMatch(/^[0-9a-f]{16}$/);
      expect(collector.spans()).toEqual([
        expect.objectContaining({
          name: "invoke_agent ChildAgent.run",
          spanId: ids.spanId,
          traceId: ids.traceId,
          resource: expect.objectContaining({ "service.name": "child-service" }),
        }),
      ]);
    });

    it("loads the main entry without @opentelemetry/sdk-node, and the setup names the install", async () => {
      const script = `
const main = await import("@sec0/instrumentation");
console.log(typeof main.sec0.wrap.agent);
const { startSec0NodeSdk } = await import("@sec0/instrumentation/node-sdk");
await startSec0NodeSdk().catch((error) => console.log(error.code + " " + error.message));
`;
      const result = await runChild(["--import", HIDE_SDK, "--input-type=module", "-e", script], env);
      expect(result.code, describeRun(result)).toBe(0);
      const [wrapType, failure] = result.stdout.trim().split("\n");
      expect(wrapType).toBe("function");
      expect(failure).toMatch(
        /^INSTRUMENTATION_OTEL_SDK_MISSING .*npm install @opentelemetry\/sdk-node@0\.223/,
      );
    });

    it("stops the process when register cannot load the SDK", async () => {
      const register = "@sec0/instrumentation/node-sdk/register";
      const args = [
        "--import",
        HIDE_SDK,
        "--import",
        register,
        "--input-type=module",
        "-e",
        "console.log('ran')",
      ];
      const result = await runChild(args, env);
      expect(result.code, describeRun(result)).not.toBe(0);
      expect(result.stdout).not.toContain("ran");
      expect(result.stderr).toContain("INSTRUMENTATION_OTEL_SDK_MISSING");
      expect(result.stderr).toContain("npm install @opentelemetry/sdk-node@0.223");
    });
  },
);
