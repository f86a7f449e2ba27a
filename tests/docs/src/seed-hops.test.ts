// The seed README's step 2 ("Instrument Agent Hops with Decorators"), as published, compiled by
// TypeScript (standard decorators, target ES2022) against the built sec0-sdk: the decorated agent
// and orchestrator run, the agent's fetch carries the agent-state headers, each hop writes one
// signed record, and `sec0 audit graph` joins them.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { decodeAgentStateHeader } from "@sec0/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CLI_BIN,
  createScratchDir,
  DOCS_DIR,
  describeRun,
  killRunningChildren,
  missingBuildReason,
  removeScratchDir,
  runProcess,
  writeSigningKey,
} from "./run-process.js";

const SEED = readFileSync(
  join(DOCS_DIR, "src", "__fixtures__", "seed", "000-step2-instrument-hops.ts"),
  "utf8",
);
const TSC = join(dirname(createRequire(import.meta.url).resolve("typescript/package.json")), "bin", "tsc");
const CONFIG = `app:
  tenant: my-app
  environment: dev
  client: { name: order-service, version: "1.0.0" }
  hops:
    OrderAgent.run:
      type: agent
      nodeId: order-agent
      agentName: order-agent
      agentVersion: "1.0.0"
    Workflow.orchestrate:
      type: orchestrator
      nodeId: workflow
controlPlane:
  sec0Dir: .sec0
  localSignerPath: .sec0/keys/ed25519.key
  appenderDir: .sec0/audit
`;

const skipReason = missingBuildReason();
if (skipReason !== undefined) console.warn(`seed hop tests skipped: ${skipReason}`);

let downstream: Server;
let downstreamUrl = "";
const received: IncomingHttpHeaders[] = [];
beforeAll(async () => {
  downstream = createServer((req, res) => {
    received.push(req.headers);
    req.resume().on("end", () => res.writeHead(204).end());
  });
  await new Promise<void>((resolve) => downstream.listen(0, "127.0.0.1", resolve));
  downstreamUrl = `http://127.0.0.1:${(downstream.address() as { port: number }).port}/do-work`;
});
afterAll(async () => {
  killRunningChildren();
  await new Promise<void>((resolve) => downstream.close(() => resolve()));
});

describe.skipIf(skipReason !== undefined)("000 step 2: hop decorators, as published", () => {
  it("runs the decorated agent and orchestrator, propagates agent state, and records both hops", async () => {
    const dir = createScratchDir("seed-hops");
    try {
      writeSigningKey(dir);
      writeFileSync(join(dir, "sec0.config.yaml"), CONFIG);
      // The user puts their downstream service where the seed writes the placeholder.
      const snippet = SEED.replace("https://downstream.example.com/do-work", downstreamUrl);
      expect(snippet).toContain(downstreamUrl);
      const epilogue = `
const agentResult = await (new OrderAgent() as any).run({}, { orderId: "o-1" });
const workflowResult = await (new Workflow() as any).orchestrate({}, {});
console.log(JSON.stringify({ agentResult, workflowResult }));
const { flushHopAudit } = await import("sec0-sdk/instrumentation");
await flushHopAudit();
`;
      writeFileSync(join(dir, "snippet.ts"), `${snippet}\n${epilogue}`);
      execFileSync(
        process.execPath,
        [
          TSC,
          "--target",
          "es2022",
          "--module",
          "nodenext",
          "--moduleResolution",
          "nodenext",
          "--types",
          "",
          "--skipLibCheck",
          "--outDir",
          dir,
          join(dir, "snippet.ts"),
        ],
        { cwd: dir, stdio: "pipe" },
      );
      const run = await runProcess(process.execPath, ["snippet.js"], { cwd: dir, timeoutMs: 30_000 });
      expect(run.code, describeRun("snippet.js", run)).toBe(0);
      expect(JSON.parse(run.stdout.trim().split("\n").at(-1) ?? "")).toEqual({
        agentResult: { ok: true },
        workflowResult: { ok: true },
      });
      expect(received).toHaveLength(1);
      expect(received[0]?.["x-node-id"]).toBe("order-agent");
      const state = decodeAgentStateHeader(String(received[0]?.["x-agent-state"]));
      expect(state).toMatchObject({ nodeId: "order-agent" });
      expect(received[0]?.["x-agent-ref"]).toBe(state.runId);
      const verify = await runProcess(
        process.execPath,
        [CLI_BIN, "audit", "verify", ".sec0/audit", "--key", "file://./.sec0/keys/ed25519.key"],
        { cwd: dir, timeoutMs: 15_000 },
      );
      expect(verify.code, describeRun("sec0 audit verify", verify)).toBe(0);
      const graph = await runProcess(
        process.execPath,
        [CLI_BIN, "audit", "graph", ".sec0/audit", "--key", "file://./.sec0/keys/ed25519.key", "--json"],
        { cwd: dir, timeoutMs: 15_000 },
      );
      expect(graph.code, describeRun("sec0 audit graph", graph)).toBe(0);
      const trees = JSON.parse(graph.stdout).trees as Array<{ root: { node_type: string } }>;
      expect(trees.map((t) => t.root.node_type).sort()).toEqual(["agent", "agent_orchestrator"]);
    } finally {
      removeScratchDir(dir);
    }
  });
});
