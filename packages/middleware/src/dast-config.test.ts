// How the DAST hook is configured: the server to probe comes from the middleware's dast option,
// never the policy. An inline policy enabling dast without it is refused at construction; a YAML
// (or remote) policy is known only later, so its DAST scans fail closed (dast_failed for rule_ttl).
// SAST and DAST both run when both are enabled; a disabled hook never calls its runner.
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
import { closeSec0Middleware, sec0SecurityMiddleware } from "./security-middleware.js";

const handlers = createRequire(import.meta.url)("./__fixtures__/dast/dast-handlers.cjs") as Record<
  string,
  unknown
>;
const BASE = {
  tenant: "acme",
  tools: { allowlist: ["mcp://files/*"] },
  enforcement: { mode: "enforce", deny_on: ["tool_not_in_allowlist"] },
};
const DAST = { enabled: true, mode: "sync", rule_ttl: "1m" };

const report = (kind: "sast" | "dast", status: "pass" | "fail"): ScanReport => ({
  kind,
  status,
  findings:
    status === "pass"
      ? []
      : [{ ruleId: `${kind}/test-rule`, message: `${kind} says no`, severity: "high", source: "test" }],
  scanner: "test",
  evidenceSha256: "0".repeat(64),
  durationMs: 1,
});

function serverWithAdd() {
  const server = new McpServer({ name: "files", version: "1.0.0" });
  server.registerTool("add", { inputSchema: { a: z.number(), b: z.number() } }, handlers.add as never);
  return server;
}

async function connected(options: Record<string, unknown>) {
  const sink = createMemoryAuditSink();
  const server = serverWithAdd();
  sec0SecurityMiddleware({
    sec0: { dir: mkdtempSync(join(tmpdir(), "sec0-dast-config-")) },
    telemetry: { enabled: false },
    ...options,
    adapters: { auditSink: sink, ...(options.adapters as object) },
  } as never)(server);
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name: "agent", version: "1.0.0" });
  await client.connect(clientSide);
  const add = () => client.callTool({ name: "add", arguments: { a: 1, b: 2 } });
  const close = async () => {
    await client.close();
    await closeSec0Middleware(server);
  };
  return { sink, add, close };
}

const refusalOf = (result: unknown) =>
  (result as { _meta?: Record<string, { reason?: string }> })._meta?.["sec0/refusal"];

describe("configuring the DAST hook", () => {
  it("refuses an inline policy that enables dast without the dast.server option", () => {
    const wrap = () =>
      sec0SecurityMiddleware({
        policy: { ...BASE, dast: DAST },
        adapters: { auditSink: createMemoryAuditSink() },
        telemetry: { enabled: false },
      } as never)(serverWithAdd());
    expect(wrap).toThrow(
      expect.objectContaining({
        code: "MIDDLEWARE_CONFIG_INVALID",
        message: expect.stringContaining("dast.server"),
      }),
    );
  });

  it("refuses a dast.server command that is not Node", () => {
    const wrap = () =>
      sec0SecurityMiddleware({
        policy: { ...BASE, dast: DAST },
        dast: { server: { command: "/bin/sh", args: ["-c", "id"] } },
        adapters: { auditSink: createMemoryAuditSink() },
        telemetry: { enabled: false },
      } as never)(serverWithAdd());
    expect(wrap).toThrow(expect.objectContaining({ code: "MIDDLEWARE_CONFIG_INVALID" }));
  });

  it("fails closed for a YAML policy enabling dast without dast.server: dast_failed", async () => {
    const yaml = `tenant: acme
tools:
  allowlist: ["mcp://files/*"]
dast:
  enabled: true
  rule_ttl: 1m
enforcement:
  mode: enforce
  deny_on: [tool_not_in_allowlist]
`;
    const { sink, add, close } = await connected({ policy: yaml });
    expect(refusalOf(await add())).toMatchObject({ reason: "dast_failed" });
    const scan = sink.records.find((r) => (r as { scan_kind?: string }).scan_kind === "dast");
    expect(JSON.stringify(scan)).toContain("dast.server");
    await close();
  });

  it("runs SAST then DAST when both are enabled, and joins their reasons", async () => {
    const ran: string[] = [];
    const runner = (kind: "sast" | "dast", status: "pass" | "fail") => async () => {
      ran.push(kind);
      return report(kind, status);
    };
    const both = { ...BASE, sast: { enabled: true, mode: "sync" }, dast: DAST };
    const passing = await connected({
      policy: both,
      adapters: { scanRunners: { sast: runner("sast", "pass"), dast: runner("dast", "fail") } },
    });
    expect(refusalOf(await passing.add())).toMatchObject({ reason: "dast_failed" });
    expect(ran).toEqual(["sast", "dast"]);
    await passing.close();

    const failing = await connected({
      policy: both,
      adapters: { scanRunners: { sast: runner("sast", "fail"), dast: runner("dast", "fail") } },
    });
    expect(refusalOf(await failing.add())).toMatchObject({ reason: "sast_failed" });
    const denial = failing.sink.records.find(
      (r) => (r as { policy?: { decision?: string } }).policy?.decision === "deny" && !("scan_kind" in r),
    );
    expect(JSON.stringify(denial)).toContain("sast/test-rule");
    expect(JSON.stringify(denial)).toContain("dast/test-rule");
    await failing.close();
  });

  it("never calls the DAST runner when the policy has no dast section", async () => {
    let calls = 0;
    const dast = async () => {
      calls += 1;
      return report("dast", "fail");
    };
    const { add, close } = await connected({ policy: BASE, adapters: { scanRunners: { dast } } });
    const result = await add();
    expect(refusalOf(result)).toBeUndefined();
    expect(result.content).toEqual([{ type: "text", text: "3" }]);
    expect(calls).toBe(0);
    await close();
  });
});
