// End to end: callToolViaGateway (@sec0/middleware) → the gateway on 127.0.0.1 → an upstream
// whose tools run under the middleware (a seed-shape server). Both sides write their own record,
// linked by the gateway's hop ids; a request shaped exactly as 0.2.3's client sent it works too.
import { createServer, type Server } from "node:http";
import { type GatewayServer, startGatewayServer } from "@sec0/gateway";
import { callToolViaGateway, type SeedToolHandler, sec0SecurityMiddleware } from "@sec0/middleware";
import { createMemoryAuditSink } from "@sec0/testkit";
import { fetch } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const upstreamSink = createMemoryAuditSink();
const gatewaySink = createMemoryAuditSink();
const runs: unknown[] = [];
let upstream: Server;
let gateway: GatewayServer;
let gatewayUrl: string;

/** The upstream: a seed-shape MCP server wrapped by the middleware, served at POST /invoke/{tool@version}. */
function startMiddlewareUpstream(): Promise<string> {
  const tools = new Map<string, SeedToolHandler>();
  const server = {
    name: "vision-mcp",
    version: "1.0.0",
    tool: (n: string, h: SeedToolHandler) => void tools.set(n, h),
    __getTools: () => tools,
  };
  server.tool("analyze@1.0", async ({ args }) => {
    runs.push(args);
    return { status: "approved", id: 123 };
  });
  sec0SecurityMiddleware({
    policy: {
      tenant: "my-app",
      tools: { allowlist: ["mcp://vision-mcp/analyze@1.0"] },
      enforcement: { mode: "enforce", deny_on: ["tool_not_in_allowlist"] },
    },
    adapters: { auditSink: upstreamSink },
  } as never)(server);
  upstream = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const tool = decodeURIComponent((req.url ?? "").replace(/^\/invoke\//, ""));
      const handler = tools.get(tool);
      const key = req.headers["x-idempotency-key"];
      try {
        if (handler === undefined) throw Object.assign(new Error("no such tool"), { status: 404 });
        const result = await handler({
          args: JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}"),
          ...(typeof key === "string" ? { idempotencyKey: key } : {}),
          headers: req.headers,
        });
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(result));
      } catch (error) {
        const status = (error as { status?: number }).status ?? 403;
        res
          .writeHead(status, { "content-type": "application/json" })
          .end(JSON.stringify({ error: "POLICY_DENIED", message: (error as Error).message }));
      }
    });
  });
  return new Promise((resolve) =>
    upstream.listen(0, "127.0.0.1", () =>
      resolve(`http://127.0.0.1:${(upstream.address() as { port: number }).port}`),
    ),
  );
}

beforeAll(async () => {
  const target = await startMiddlewareUpstream();
  gateway = startGatewayServer({
    port: 0,
    tenant: "my-app",
    targets: { "vision-mcp": target },
    audit: { append: () => undefined, gatewayName: "my-gateway", gatewayVersion: "1.0.0" },
    auditSink: gatewaySink,
    enforcement: { mode: "enforce" },
  });
  gatewayUrl = (await gateway.ready).url;
});

afterAll(async () => {
  await gateway.shutdown();
  upstream.closeAllConnections();
  await new Promise<void>((resolve) => upstream.close(() => resolve()));
});

describe("callToolViaGateway → gateway → middleware", () => {
  it("runs the tool once and links both records by the gateway's hop", async () => {
    const out = (await callToolViaGateway({
      gatewayBaseUrl: gatewayUrl,
      server: "vision-mcp",
      toolAtVersion: "analyze@1.0",
      args: { url: "https://api.example.com/resource/123", method: "PUT" },
      cause: { traceId: "4bf92f3577b34da6a3ce929d0e0e4736", spanId: "00f067aa0ba902b7" },
      agentState: { nodeId: "order-agent", runId: "run-42" },
    })) as Record<string, unknown>;
    expect(out).toMatchObject({ status: "approved", id: 123 });
    expect(out.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(runs).toHaveLength(1);
    const atGateway = gatewaySink.records.at(-1) as Record<string, unknown>;
    const atUpstream = upstreamSink.records.at(-1) as Record<string, unknown>;
    expect(atGateway).toMatchObject({
      node_type: "gateway",
      trace_id: out.traceId,
      cause_trace_id: "4bf92f3577b34da6a3ce929d0e0e4736",
    });
    expect(atUpstream).toMatchObject({ cause_trace_id: out.traceId, cause_span_id: out.spanId });
  });

  it("relays a refusal of the upstream's middleware as an error with its code", async () => {
    await expect(
      callToolViaGateway({
        gatewayBaseUrl: gatewayUrl,
        server: "vision-mcp",
        toolAtVersion: "delete@1.0",
        cause: { traceId: "4bf92f3577b34da6a3ce929d0e0e4736", spanId: "00f067aa0ba902b7" },
      }),
    ).rejects.toMatchObject({
      code: "MIDDLEWARE_GATEWAY_ERROR",
      details: { status: 404, code: "POLICY_DENIED", message: "no such tool" },
    });
  });

  it("accepts a request shaped exactly as 0.2.3's client sent it", async () => {
    const state = Buffer.from(JSON.stringify({ version: 1, nodeId: "order-agent", runId: "run-7" })).toString(
      "base64url",
    );
    const res = await fetch(`${gatewayUrl}/mcp/vision-mcp/analyze@1.0`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-idempotency-key": "run-7:order-agent:analyze@1.0:0123456789abcdef",
        "x-cause-trace": "4bf92f3577b34da6a3ce929d0e0e4736",
        "x-cause-span": "00f067aa0ba902b7",
        traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        "x-node-id": "order-agent",
        "x-agent-ref": "run-7",
        "x-agent-state": state,
        "x-auth-context": JSON.stringify({ scheme: "none" }),
        "x-graph-run-id": "run-7",
        "x-graph-node": "order-agent",
        "x-tenant": "my-app",
      },
      body: JSON.stringify({ url: "https://api.example.com/x" }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-trace-id")).toMatch(/^[0-9a-f]{32}$/);
    expect(res.headers.get("x-span-id")).toMatch(/^[0-9a-f]{16}$/);
    expect(res.headers.get("traceparent")).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(await res.json()).toMatchObject({ status: "approved" });
  });

  it("refuses an x-tenant that is not the gateway's with 401", async () => {
    const res = await fetch(`${gatewayUrl}/mcp/vision-mcp/analyze@1.0`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-idempotency-key": "k-tenant", "x-tenant": "other" },
      body: "{}",
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: "UNAUTHENTICATED" });
  });
});
