// The seed's step 4 (start a gateway server) runs as published, and step 3 (callToolViaGateway)
// reaches a tool server through it. The test puts addresses where the seed writes placeholders:
// a free port for 8088, the local tool server for `https://vision.example.com`, the gateway for
// `https://YOUR_GATEWAY_DOMAIN`. Nothing else is changed; nothing leaves 127.0.0.1.
import { type ChildProcess, spawn } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { join } from "node:path";
import { freePort } from "@sec0/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  childEnv,
  createScratchDir,
  DOCS_DIR,
  describeRun,
  missingBuildReason,
  removeScratchDir,
  runProcess,
  writeSigningKey,
} from "./run-process.js";

const fixture = (name: string): string =>
  readFileSync(join(DOCS_DIR, "src", "__fixtures__", "seed", name), "utf8");
const skipReason = missingBuildReason();
if (skipReason !== undefined) console.warn(`seed gateway tests skipped: ${skipReason}`);

describe.skipIf(skipReason !== undefined)(
  "seed steps 3 and 4: a gateway server and a call through it",
  () => {
    let dir: string;
    let tools: Server;
    let gateway: ChildProcess;
    let gatewayUrl: string;
    const received: Array<{ url?: string; headers: Record<string, unknown> }> = [];

    beforeAll(async () => {
      dir = createScratchDir("seed-gateway");
      writeSigningKey(dir);
      tools = createServer((req, res) => {
        req.resume();
        req.on("end", () => {
          received.push({ url: req.url, headers: req.headers });
          res
            .writeHead(200, { "content-type": "application/json" })
            .end(JSON.stringify({ status: "approved", id: 123 }));
        });
      });
      await new Promise<void>((resolve) => tools.listen(0, "127.0.0.1", resolve));
      const toolsUrl = `http://127.0.0.1:${(tools.address() as { port: number }).port}`;
      const port = await freePort();
      const snippet = fixture("000-step4-gateway-server.mjs")
        .replace("port: 8088,", `port: ${port},`)
        .replace('"https://vision.example.com"', JSON.stringify(toolsUrl));
      expect(snippet).toContain(`port: ${port},`);
      writeFileSync(join(dir, "gateway.mjs"), snippet);
      gateway = spawn(process.execPath, ["gateway.mjs"], {
        cwd: dir,
        env: childEnv(),
        stdio: ["ignore", "pipe", "pipe"],
      });
      gatewayUrl = `http://127.0.0.1:${port}`;
      const deadline = Date.now() + 15_000;
      for (;;) {
        const ok = await fetch(`${gatewayUrl}/healthz`).then(
          (r) => r.ok,
          () => false,
        );
        if (ok) break;
        if (Date.now() > deadline || gateway.exitCode !== null)
          throw new Error("the step 4 gateway did not start");
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }, 30_000);

    afterAll(async () => {
      gateway?.kill("SIGKILL");
      tools?.closeAllConnections();
      tools?.close();
      if (dir !== undefined) removeScratchDir(dir);
    });

    it("step 3's call goes through step 4's gateway to the tool server and is audited", async () => {
      const prelude = `
const userAccessToken = "user-access-token";
const ctx = { traceId: "4bf92f3577b34da6a3ce929d0e0e4736", spanId: "00f067aa0ba902b7" };
const manager = { agent: { snapshot: () => ({ nodeId: "order-agent", runId: "run-42", variables: {}, metadata: {} }) } };`;
      const call = fixture("000-step3-call-via-gateway.mjs").replace(
        'gatewayBaseUrl: "https://YOUR_GATEWAY_DOMAIN"',
        `gatewayBaseUrl: ${JSON.stringify(gatewayUrl)}`,
      );
      writeFileSync(join(dir, "call.mjs"), [prelude, call, "console.log(JSON.stringify(out));"].join("\n"));
      const result = await runProcess(process.execPath, ["call.mjs"], { cwd: dir, timeoutMs: 30_000 });
      expect(result.code, describeRun("call.mjs", result)).toBe(0);
      const out = JSON.parse(result.stdout) as Record<string, unknown>;
      expect(out).toMatchObject({ status: "approved", id: 123 });
      expect(out.traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(received).toHaveLength(1);
      expect(received[0]?.url).toBe("/invoke/analyze%401.0");
      expect(received[0]?.headers["x-cause-trace"]).toBe(out.traceId);
      expect(received[0]?.headers.authorization).toBeUndefined();
      // The gateway's signed record of the call, with its hop ids.
      const deadline = Date.now() + 5000;
      let records: Array<Record<string, unknown>> = [];
      while (Date.now() < deadline) {
        const files = readdirSync(join(dir, ".sec0")).filter((f) => /^audit-.*\.ndjson$/.test(f));
        records = files.flatMap((f) =>
          readFileSync(join(dir, ".sec0", f), "utf8")
            .split("\n")
            .filter(Boolean)
            .map((l) => JSON.parse(l) as Record<string, unknown>),
        );
        if (records.some((r) => r.trace_id === out.traceId)) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(records.find((r) => r.trace_id === out.traceId)).toMatchObject({
        node_type: "gateway",
        gateway: "my-gateway@1.0.0",
      });
    });
  },
);
