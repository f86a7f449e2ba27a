// The DAST hook on an official-SDK server: a changed tool is probed on a sandboxed copy of the
// server (the dast.server option), never through the live handler. `save` writes wherever its
// path points: probed with traversal paths it tries to write outside its sandbox, the sandbox
// denies it, and the live `save` is refused as dast_failed for rule_ttl, then allowed. `echo`
// hands prompt injections back verbatim (dast_failed); `add` passes and runs.
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { createMemoryAuditSink } from "@sec0/testkit";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { closeSec0Middleware, sec0SecurityMiddleware } from "./security-middleware.js";

type Handler = (args: Record<string, unknown>) => Promise<unknown>;
const handlers = createRequire(import.meta.url)("./__fixtures__/dast/dast-handlers.cjs") as Record<
  string,
  Handler
>;
const SERVER_SCRIPT = fileURLToPath(new URL("./__fixtures__/dast/dast-server.mjs", import.meta.url));

const POLICY = {
  tenant: "acme",
  tools: { allowlist: ["mcp://files/*"] },
  dast: { enabled: true, mode: "sync", rule_ttl: "1s", block_on_severity: "medium", timeout_ms: 3000 },
  enforcement: { mode: "enforce", deny_on: ["tool_not_in_allowlist"] },
};

type Sink = ReturnType<typeof createMemoryAuditSink>;
type Record_ = Record<string, unknown> & { scan_kind?: string; scan_status?: string };

async function governed(sink: Sink, clock: { now(): number }, extra: object = {}) {
  const ran: string[] = [];
  const server = new McpServer({ name: "files", version: "1.0.0" });
  const live =
    (name: string): Handler =>
    (args) => {
      ran.push(name);
      return (handlers[name] as Handler)(args);
    };
  // The same handler source as the sandboxed server: its digest is what is probed.
  server.registerTool(
    "save",
    { inputSchema: { path: z.string(), content: z.string() } },
    handlers.save as never,
  );
  server.registerTool("echo", { inputSchema: { text: z.string() } }, handlers.echo as never);
  server.registerTool("notes", { inputSchema: { topic: z.string() } }, live("notes") as never);
  server.registerTool("add", { inputSchema: { a: z.number(), b: z.number() } }, live("add") as never);
  sec0SecurityMiddleware({
    policy: POLICY,
    dast: { server: { command: process.execPath, args: [SERVER_SCRIPT] } },
    sec0: { dir: mkdtempSync(join(tmpdir(), "sec0-dast-")) },
    adapters: { auditSink: sink },
    telemetry: { enabled: false },
    clock,
    ...extra,
  } as never)(server);
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name: "agent", version: "1.0.0" });
  await client.connect(clientSide);
  return { client, server, ran };
}

const refusalOf = (result: unknown) =>
  (result as { _meta?: Record<string, { reason?: string }> })._meta?.["sec0/refusal"];
const dastRecords = (sink: Sink) => (sink.records as Record_[]).filter((r) => r.scan_kind === "dast");

describe("the DAST hook on an official-SDK server", () => {
  it("refuses notes (its own output carries an injection) as dast_failed, found by the output detectors", async () => {
    const sink = createMemoryAuditSink();
    const { client, server, ran } = await governed(sink, { now: () => Date.now() });
    const notes = await client.callTool({ name: "notes", arguments: { topic: "week 48" } });
    expect(refusalOf(notes)).toMatchObject({ reason: "dast_failed" });
    expect(JSON.stringify(dastRecords(sink)[0])).toContain("dast/output-prompt_injection");
    expect(ran).toEqual([]);
    await client.close();
    await closeSec0Middleware(server);
  }, 60_000);

  it("refuses save (writes outside its sandbox) as dast_failed for rule_ttl, then allows it", async () => {
    let skew = 0;
    const clock = { now: () => Date.now() + skew };
    const sink = createMemoryAuditSink();
    const { client, server } = await governed(sink, clock);
    const target = join(mkdtempSync(join(tmpdir(), "sec0-dast-live-")), "live.txt");
    const call = () => client.callTool({ name: "save", arguments: { path: target, content: "hello" } });

    expect(refusalOf(await call())).toMatchObject({ reason: "dast_failed" });
    expect(existsSync(target)).toBe(false);
    const [scan] = dastRecords(sink);
    expect(scan).toMatchObject({ scan_status: "fail", policy: { decision: "deny", reason: "dast_failed" } });
    expect(JSON.stringify(scan)).toContain("dast/fs-write-outside");
    expect(JSON.stringify(scan)).toContain("/etc/passwd");

    // Still refused within rule_ttl, without a second run.
    expect(refusalOf(await call())).toMatchObject({ reason: "dast_failed" });
    expect(existsSync(target)).toBe(false);
    expect(dastRecords(sink)).toHaveLength(1);

    // After rule_ttl the tool is allowed again: the live handler runs.
    skew = 1500;
    expect(refusalOf(await call())).toBeUndefined();
    expect(readFileSync(target, "utf8")).toBe("hello");
    expect(dastRecords(sink)).toHaveLength(1);
    await client.close();
    await closeSec0Middleware(server);
  }, 60_000);

  it("refuses echo (hands prompt injections back verbatim) and runs add (benign)", async () => {
    const sink = createMemoryAuditSink();
    const { client, server, ran } = await governed(sink, { now: () => Date.now() });
    const echoed = await client.callTool({ name: "echo", arguments: { text: "hi" } });
    expect(refusalOf(echoed)).toMatchObject({ reason: "dast_failed" });
    expect(JSON.stringify(dastRecords(sink)[0])).toContain("dast/prompt-injection-reflected");

    const added = await client.callTool({ name: "add", arguments: { a: 2, b: 3 } });
    expect(refusalOf(added)).toBeUndefined();
    expect(added.content).toEqual([{ type: "text", text: "5" }]);
    expect(ran).toEqual(["add"]);
    expect(dastRecords(sink).map((r) => r.scan_status)).toEqual(["fail", "pass"]);
    await client.close();
    await closeSec0Middleware(server);
  }, 60_000);
});
