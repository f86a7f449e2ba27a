// End to end: orchestrator → agent → gateway hop (one agent process) → the gateway (a second
// process) → a tool server whose middleware runs a `sec0.wrap.tool` hop (a third). Every process
// signs its own audit directory (one key, as `sec0 audit graph` takes one); the graph joins all
// of them into one tree with no orphan, and the agent's and tool server's records name the ids
// of their in-memory OpenTelemetry spans. Then, in process: 100 interleaved agent runs keep
// their traces apart.
import { type ChildProcess, execFile, execFileSync } from "node:child_process";
import { once } from "node:events";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { createMemoryAuditSink, startServiceProcess } from "@sec0/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @sec0/instrumentation is not linked into tests/e2e yet: its built dist, by relative path.
import {
  type AgentManager,
  initializeSec0App,
  resetSec0AppForTests,
  sec0,
} from "../../../packages/instrumentation/dist/index.js";
import { built, cliBin, createKeyedWorkspace } from "./built-cli.js";

const run = promisify(execFile);
const fixtures = fileURLToPath(new URL("./__fixtures__/custody/", import.meta.url));
const instrumentationBuilt = existsSync(
  fileURLToPath(new URL("../../../packages/instrumentation/dist/index.js", import.meta.url)),
);

interface ExportedSpan {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId: string | null;
  readonly name: string;
}

interface GraphNode extends Record<string, unknown> {
  readonly trace_id: string;
  readonly span_id: string;
  readonly parent_span_id?: string;
  readonly cause_trace_id?: string;
  readonly cause_span_id?: string;
  readonly node_type: string;
  readonly hop_key?: string;
  readonly via: "root" | "parent" | "cause";
  readonly source: { readonly file: string; readonly line: number };
  readonly children: GraphNode[];
}

interface GraphJson {
  readonly trees: Array<{ readonly trace_ids: string[]; readonly root: GraphNode }>;
  readonly orphans: unknown[];
  readonly verification: Array<{ dir: string; status: string; signaturesChecked: boolean; files: number }>;
}

/** The audit directories, relative to the workspace (the graph's `source.file` starts with them). */
const DIRS = {
  agent: "agent-audit",
  plainAgent: "plain-agent-audit",
  gateway: "gateway-audit",
  middleware: "tool-audit/middleware",
  toolHops: "tool-audit/hops",
} as const;

const children: ChildProcess[] = [];
let work: string;
let graph: { code: number; json: GraphJson; stderr: string };
interface AgentOut {
  readonly result: { readonly toolHop: { readonly traceId: string; readonly spanId: string } } & Record<
    string,
    unknown
  >;
  readonly spans: ExportedSpan[];
}
let agentOut: AgentOut;
let plainOut: AgentOut;
let toolSpans: ExportedSpan[];

/** Stops a fixture with SIGTERM and returns what it printed after the `{url}` line. */
async function stop(child: ChildProcess): Promise<string> {
  let out = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    out += chunk.toString();
  });
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  await exited;
  return out;
}

function lastJsonLine<T>(text: string): T {
  const lines = text.trim().split("\n");
  return JSON.parse(lines.at(-1) ?? "null") as T;
}

beforeAll(async () => {
  if (!built || !instrumentationBuilt) return;
  work = createKeyedWorkspace("sec0-custody");
  const keyFile = join(work, ".sec0/keys/ed25519.key");
  writeFileSync(
    join(work, "audit.pub"),
    execFileSync(process.execPath, [cliBin, "key", "show", keyFile, "--public"], {
      cwd: work,
      stdio: ["ignore", "pipe", "ignore"],
    }),
  );
  const env = {
    CUSTODY_WORK: work,
    CUSTODY_KEY_FILE: keyFile,
    SEC0_SIGNER_KEY_DIRS: join(work, ".sec0/keys"),
    CUSTODY_AGENT_DIR: join(work, DIRS.agent),
    CUSTODY_GATEWAY_DIR: join(work, DIRS.gateway),
    CUSTODY_MIDDLEWARE_DIR: join(work, DIRS.middleware),
    CUSTODY_TOOL_HOP_DIR: join(work, DIRS.toolHops),
  };
  const ready = /\{"url":"(http:\/\/127\.0\.0\.1:\d+)"\}/;
  const tool = await startServiceProcess({
    bin: join(fixtures, "tool-server.mjs"),
    cwd: work,
    env,
    ready,
    children,
  });
  const gateway = await startServiceProcess({
    bin: join(fixtures, "gateway.mjs"),
    cwd: work,
    env: { ...env, CUSTODY_TOOL_URL: tool.url },
    ready,
    children,
  });
  const runAgent = async (extra: Record<string, string>) =>
    lastJsonLine<AgentOut>(
      (
        await run(process.execPath, [join(fixtures, "agent.mjs")], {
          cwd: work,
          env: { ...process.env, ...env, CUSTODY_GATEWAY_URL: gateway.url, ...extra },
        })
      ).stdout,
    );
  agentOut = await runAgent({});
  // The agent calling manager.invoke itself, with no gateway hop of its own around the call.
  plainOut = await runAgent({ CUSTODY_PLAIN_INVOKE: "1", CUSTODY_AGENT_DIR: join(work, DIRS.plainAgent) });
  toolSpans = lastJsonLine<{ spans: ExportedSpan[] }>(await stop(tool.child)).spans;
  await stop(gateway.child);
  const dirs = Object.values(DIRS);
  const args = [cliBin, "audit", "graph", ...dirs, "--public-key", "audit.pub", "--json"];
  const done = await run(process.execPath, args, { cwd: work }).then(
    (out) => ({ code: 0, ...out }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
  graph = { code: done.code, json: JSON.parse(done.stdout) as GraphJson, stderr: done.stderr };
}, 60_000);

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  if (work !== undefined) rmSync(work, { recursive: true, force: true });
});

/** The tree's nodes from the root down, checking that each has at most one child. */
function chainOf(root: GraphNode): GraphNode[] {
  const chain: GraphNode[] = [];
  for (let node: GraphNode | undefined = root; node !== undefined; node = node.children[0]) {
    expect(
      node.children.length,
      `${node.node_type} ${node.hop_key ?? ""} has one child at most`,
    ).toBeLessThan(2);
    chain.push(node);
  }
  return chain;
}

/** The tree whose root's trace is `traceId`. */
function treeOf(traceId: string): { readonly trace_ids: string[]; readonly root: GraphNode } {
  const tree = graph.json.trees.find((candidate) => candidate.root.trace_id === traceId);
  if (tree === undefined) throw new Error(`no tree for trace ${traceId}`);
  return tree;
}

function dirOf(node: GraphNode): string | undefined {
  return Object.values(DIRS).find((dir) => inDir(dir)(node));
}

function inDir(dir: string): (node: GraphNode) => boolean {
  return (node) => node.source.file.startsWith(`${dir}/`);
}

describe.skipIf(!built || !instrumentationBuilt)("orchestrator → agent → gateway → middleware → tool", () => {
  it("verifies every directory and finds one tree per agent run, with no orphan", () => {
    expect(graph.code, graph.stderr).toBe(0);
    expect(graph.json.orphans).toEqual([]);
    expect(graph.json.verification).toHaveLength(Object.values(DIRS).length);
    for (const dir of graph.json.verification) {
      expect(dir, dir.dir).toMatchObject({ status: "valid", signaturesChecked: true });
      expect(dir.files).toBeGreaterThan(0);
    }
    expect(graph.json.trees.map((tree) => tree.root.trace_id).sort()).toEqual(
      [agentOut.result.toolHop.traceId, plainOut.result.toolHop.traceId].sort(),
    );
  });

  it("nests orchestrator → agent → gateway hop → gateway → middleware → tool hop in one trace", () => {
    const tree = treeOf(agentOut.result.toolHop.traceId);
    const chain = chainOf(tree.root);
    expect(
      chain.map((node) => ({
        node_type: node.node_type,
        hop_key: node.hop_key,
        via: node.via,
        dir: dirOf(node),
      })),
    ).toEqual([
      { node_type: "agent_orchestrator", hop_key: "Workflow.run", via: "root", dir: DIRS.agent },
      { node_type: "agent", hop_key: "OrderAgent.run", via: "parent", dir: DIRS.agent },
      { node_type: "gateway", hop_key: "OrderAgent.charge", via: "parent", dir: DIRS.agent },
      { node_type: "gateway", hop_key: undefined, via: "cause", dir: DIRS.gateway },
      { node_type: "middleware", hop_key: undefined, via: "cause", dir: DIRS.middleware },
      { node_type: "tool", hop_key: "Billing.charge", via: "parent", dir: DIRS.toolHops },
    ]);
    // One trace from the orchestrator to the tool: the gateway and the middleware join the caller's.
    const [orchestrator, , gatewayHop, gateway, middleware, tool] = chain;
    expect(tree.trace_ids).toEqual([orchestrator.trace_id]);
    expect(gateway.cause_span_id).toBe(gatewayHop.span_id);
    expect(middleware.cause_span_id).toBe(gateway.span_id);
    expect(tool.parent_span_id).toBe(middleware.span_id);
    expect(agentOut.result).toMatchObject({
      charged: 42,
      orderId: "ord-1",
      toolHop: { traceId: orchestrator.trace_id, spanId: tool.span_id },
    });
  });

  it("names in every agent and tool-server record the ids of an exported OTel span", () => {
    const nodes = chainOf(treeOf(agentOut.result.toolHop.traceId).root);
    const ownTrace = toolSpans.filter((span) => span.traceId === nodes[0].trace_id);
    const checks: Array<[GraphNode[], ExportedSpan[]]> = [
      [nodes.filter(inDir(DIRS.agent)), agentOut.spans],
      [nodes.filter((node) => inDir(DIRS.middleware)(node) || inDir(DIRS.toolHops)(node)), ownTrace],
    ];
    for (const [records, spans] of checks) {
      expect(records.length).toBeGreaterThan(0);
      expect(spans).toHaveLength(records.length);
      for (const record of records) {
        const span = spans.find((candidate) => candidate.spanId === record.span_id);
        expect(span, `span of ${record.node_type} ${record.hop_key ?? ""}`).toBeDefined();
        expect(span?.traceId).toBe(record.trace_id);
        if (record.parent_span_id !== undefined) expect(span?.parentSpanId).toBe(record.parent_span_id);
      }
    }
    // The middleware's span is the remote child of the gateway's hop; the tool hop's of the middleware's.
    const [, , , gateway, middleware, tool] = nodes;
    expect(ownTrace.find((span) => span.spanId === middleware.span_id)?.parentSpanId).toBe(gateway.span_id);
    expect(ownTrace.find((span) => span.spanId === tool.span_id)).toMatchObject({
      name: "execute_tool Billing.charge",
      parentSpanId: middleware.span_id,
    });
  });

  it("without a gateway hop of its own, manager.invoke records the invoke under the agent hop", () => {
    // The invoke is a hop of its own (the target's config): its record's parent is the agent hop,
    // and it is the cause the gateway names.
    const chain = chainOf(treeOf(plainOut.result.toolHop.traceId).root);
    expect(chain.map((node) => [node.node_type, node.hop_key, node.via, dirOf(node)])).toEqual([
      ["agent_orchestrator", "Workflow.run", "root", DIRS.plainAgent],
      ["agent", "OrderAgent.run", "parent", DIRS.plainAgent],
      ["gateway", "OrderAgent.charge", "parent", DIRS.plainAgent],
      ["gateway", undefined, "cause", DIRS.gateway],
      ["middleware", undefined, "cause", DIRS.middleware],
      ["tool", "Billing.charge", "parent", DIRS.toolHops],
    ]);
    expect(chain[2].parent_span_id).toBe(chain[1].span_id);
    expect(chain[3].cause_span_id).toBe(chain[2].span_id);
  });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const jitter = () => sleep(Math.floor(Math.random() * 8));

describe.skipIf(!instrumentationBuilt)("interleaved decorated agent runs (in process)", () => {
  const sink = createMemoryAuditSink();

  beforeAll(() => {
    initializeSec0App(
      {
        app: {
          tenant: "acme",
          environment: "dev",
          client: { name: "concurrency" },
          hops: {
            "Concurrent.run": {
              type: "agent",
              nodeId: "concurrent",
              agentName: "concurrent",
              agentVersion: "1.0.0",
            },
            "Concurrent.step": { type: "tool", nodeId: "step", server: "local", tool: "step@1.0" },
          },
        },
        controlPlane: { sec0Dir: ".sec0", localSignerPath: ".sec0/keys/ed25519.key" },
      },
      { cwd: mkdtempSync(join(tmpdir(), "sec0-concurrency-")), env: {} },
    );
  });
  afterAll(() => resetSec0AppForTests());

  const step = sec0.wrap.tool(
    "Concurrent.step",
    async (params: { readonly index: number }) => {
      await jitter();
      return params.index;
    },
    { auditSink: sink },
  );

  class ConcurrentAgent {
    @sec0.agent("Concurrent.run", { auditSink: sink })
    async run(_ctx: object, input: { readonly index: number }, manager?: AgentManager) {
      await jitter();
      const stepped = await step({ index: input.index });
      await jitter();
      return { index: stepped, traceId: manager?.frame.traceId, spanId: manager?.frame.spanId };
    }
  }

  it("keeps 100 runs in 100 traces, each child in its own parent's", async () => {
    const agent = new ConcurrentAgent();
    const results = await Promise.all(
      Array.from({ length: 100 }, async (_, index) => {
        await jitter();
        return agent.run({}, { index });
      }),
    );
    const runs = sink.records.filter((record) => record.hop_key === "Concurrent.run");
    const steps = sink.records.filter((record) => record.hop_key === "Concurrent.step");
    expect(runs).toHaveLength(100);
    expect(steps).toHaveLength(100);
    expect(new Set(runs.map((record) => record.trace_id)).size).toBe(100);
    const runBySpan = new Map(runs.map((record) => [record.span_id, record]));
    for (const child of steps) {
      const parent = runBySpan.get(child.parent_span_id as string);
      expect(parent, `parent of step ${String(child.span_id)}`).toBeDefined();
      expect(child.trace_id).toBe(parent?.trace_id);
    }
    // Each run saw its own frame: the ids it returned are its record's.
    for (const result of results) {
      expect(results.map((other) => other.index)).toContain(result.index);
      expect(runBySpan.get(result.spanId as string)?.trace_id).toBe(result.traceId);
    }
    expect(new Set(results.map((result) => result.index)).size).toBe(100);
  });
});
