// The SAST hook through both server shapes: a tool redeployed with a handler that shells out with
// its input is refused as sast_failed before it runs; the scan result survives a restart; with
// block_on_change in background mode the first call after a change is refused as sast_pending
// until the scan finishes. Every scan is a signed audit record.
import { mkdtempSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { ScanReport } from "@sec0/core";
import { createMemoryAuditSink } from "@sec0/testkit";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createTestSeedServer } from "./__fixtures__/seed-server.js";

interface Ran {
  readonly lines: string[];
}
type HandlerFactory = (ran: Ran) => unknown;
const { benignHandler, shellOutHandler, seedBenignHandler, seedShellOutHandler } = createRequire(
  import.meta.url,
)("./__fixtures__/shell-out-handlers.cjs") as Record<string, HandlerFactory>;

import { closeSec0Middleware, sec0SecurityMiddleware } from "./security-middleware.js";

const POLICY = {
  tenant: "acme",
  tools: { allowlist: ["mcp://files/*"] },
  sast: { enabled: true, mode: "sync" },
  enforcement: { mode: "enforce", deny_on: ["tool_not_in_allowlist"] },
};

type Sink = ReturnType<typeof createMemoryAuditSink>;

async function sdkServer(dir: string, handler: HandlerFactory, ran: Ran, sink: Sink, extra: object = {}) {
  const server = new McpServer({ name: "files", version: "1.0.0" });
  server.registerTool("read", { inputSchema: { path: z.string() } }, handler(ran) as never);
  sec0SecurityMiddleware({
    policy: POLICY,
    sec0: { dir },
    adapters: { auditSink: sink, ...extra },
    telemetry: { enabled: false },
  } as never)(server);
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name: "agent", version: "1.0.0" });
  await client.connect(clientSide);
  return { client, server };
}

const refusalOf = (result: unknown) =>
  (result as { _meta?: Record<string, { reason?: string }> })._meta?.["sec0/refusal"];

describe("the SAST hook on an official-SDK server", () => {
  it("refuses a redeployed handler that shells out as sast_failed before it runs", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sec0-sast-"));
    const ran: Ran = { lines: [] };
    const sink = createMemoryAuditSink();
    const v1 = await sdkServer(dir, benignHandler, ran, sink);
    expect(
      refusalOf(await v1.client.callTool({ name: "read", arguments: { path: "a.txt" } })),
    ).toBeUndefined();
    await v1.client.close();
    await closeSec0Middleware(v1.server);
    // v2 of the server, same .sec0: the handler now passes its input to a shell.
    const v2 = await sdkServer(dir, shellOutHandler, ran, sink);
    const refused = await v2.client.callTool({ name: "read", arguments: { path: "a.txt; id" } });
    expect(refusalOf(refused)).toMatchObject({ reason: "sast_failed" });
    expect(ran.lines).toEqual(["read a.txt"]);
    const scans = sink.records.filter((record) => (record as { scan_kind?: string }).scan_kind === "sast");
    expect(scans.map((record) => (record as { scan_status: string }).scan_status)).toEqual(["pass", "fail"]);
    expect(scans[1]).toMatchObject({ policy: { decision: "deny", reason: "sast_failed" } });
    expect(JSON.stringify(scans[1])).toMatch(/child[-_]process/);
    await v2.client.close();
    await closeSec0Middleware(v2.server);
    // A restart of v2 does not forget the failure, and does not rescan.
    const again = await sdkServer(dir, shellOutHandler, ran, sink);
    expect(refusalOf(await again.client.callTool({ name: "read", arguments: { path: "b" } }))).toMatchObject({
      reason: "sast_failed",
    });
    expect(
      sink.records.filter((record) => (record as { scan_kind?: string }).scan_kind === "sast"),
    ).toHaveLength(2);
    expect(ran.lines).toEqual(["read a.txt"]);
    await again.client.close();
    await closeSec0Middleware(again.server);
  }, 30_000);

  it("with block_on_change in background mode, refuses as sast_pending until the scan finishes", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sec0-sast-"));
    const ran: Ran = { lines: [] };
    let finish: (report: ScanReport) => void = () => {};
    const sast = () => new Promise<ScanReport>((resolve) => (finish = resolve));
    const server = new McpServer({ name: "files", version: "1.0.0" });
    server.registerTool("read", { inputSchema: { path: z.string() } }, benignHandler(ran) as never);
    sec0SecurityMiddleware({
      policy: { ...POLICY, sast: { enabled: true, mode: "background", block_on_change: true } },
      sec0: { dir },
      adapters: { auditSink: createMemoryAuditSink(), scanRunners: { sast } },
      telemetry: { enabled: false },
    } as never)(server);
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await server.connect(serverSide);
    const client = new Client({ name: "agent", version: "1.0.0" });
    await client.connect(clientSide);
    expect(refusalOf(await client.callTool({ name: "read", arguments: { path: "a" } }))).toMatchObject({
      reason: "sast_pending",
    });
    finish({
      kind: "sast",
      status: "pass",
      findings: [],
      scanner: "test",
      evidenceSha256: "0".repeat(64),
      durationMs: 1,
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(refusalOf(await client.callTool({ name: "read", arguments: { path: "a" } }))).toBeUndefined();
    expect(ran.lines).toEqual(["read a"]);
    await client.close();
    await closeSec0Middleware(server);
  });
});

describe("the SAST hook on a seed-shape server", () => {
  function seedServer(dir: string, handler: HandlerFactory, ran: Ran, sink: Sink) {
    const server = createTestSeedServer("files", "1.0.0");
    server.tool("read@1.0", handler(ran) as never);
    sec0SecurityMiddleware({
      policy: POLICY,
      sec0: { dir },
      adapters: { auditSink: sink },
      telemetry: { enabled: false },
    } as never)(server);
    return server;
  }

  it("refuses a redeployed handler that shells out as sast_failed before it runs", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sec0-sast-seed-"));
    const ran: Ran = { lines: [] };
    const sink = createMemoryAuditSink();
    const v1 = seedServer(dir, seedBenignHandler, ran, sink);
    await expect(v1.call("read@1.0", { args: { path: "a.txt" } })).resolves.toMatchObject({
      contents: "contents of a.txt",
    });
    await closeSec0Middleware(v1);
    const v2 = seedServer(dir, seedShellOutHandler, ran, sink);
    await expect(v2.call("read@1.0", { args: { path: "a.txt; id" } })).rejects.toMatchObject({
      violation: "sast_failed",
    });
    expect(ran.lines).toEqual(["read a.txt"]);
    await closeSec0Middleware(v2);
  }, 30_000);
});
