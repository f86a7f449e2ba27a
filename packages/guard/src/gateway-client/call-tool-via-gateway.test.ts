import { createHash } from "node:crypto";
import { extractAgentStateFromHeaders, isSec0Error, type Sec0Error } from "@sec0/core";
import { parseIdentityContextHeader } from "@sec0/core/contracts";
import { replyJson, startTestServer, type TestServer } from "@sec0/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callToolViaGateway, callToolViaGatewayWithAgent } from "./call-tool-via-gateway.js";

const CAUSE = { traceId: "4bf92f3577b34da6a3ce929d0e0e4736", spanId: "00f067aa0ba902b7" };
const HOP = { "x-trace-id": "0af7651916cd43dd8448eb211c80319c", "x-span-id": "b7ad6b7169203331" };

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

/** Plays the gateway: requires an idempotency key like the real one, then answers as told. */
function gateway(
  answer: (body: Record<string, unknown>) => {
    status: number;
    body: unknown;
    headers?: Record<string, string>;
  },
) {
  server.handle((request, response) => {
    if (request.method !== "POST" || !request.url.startsWith("/mcp/")) {
      replyJson(response, 404, { error: "NOT_FOUND", message: "no route" }, HOP);
      return;
    }
    if (request.headers["x-idempotency-key"] === undefined) {
      replyJson(
        response,
        400,
        { error: "IDEMPOTENCY_KEY_REQUIRED", message: "x-idempotency-key is required" },
        HOP,
      );
      return;
    }
    const reply = answer(JSON.parse(request.body) as Record<string, unknown>);
    replyJson(response, reply.status, reply.body, reply.headers ?? HOP);
  });
}

async function expectGatewayError(promise: Promise<unknown>): Promise<Sec0Error> {
  try {
    await promise;
  } catch (error) {
    expect(isSec0Error(error)).toBe(true);
    return error as Sec0Error;
  }
  throw new Error("expected the call to fail");
}

describe("callToolViaGateway", () => {
  it("posts the args to /mcp/<server>/<tool@version> and returns the body with the hop ids", async () => {
    gateway((body) => ({ status: 200, body: { ok: true, echoed: body } }));
    const args = { url: "https://api.example.com/resource/123", method: "PUT", body: { status: "approved" } };
    const out = await callToolViaGateway({
      gatewayBaseUrl: `${server.baseUrl}/`,
      server: "vision mcp",
      toolAtVersion: "fetch@1.0",
      args,
      authHeader: "Bearer svc-token",
      cause: CAUSE,
    });
    expect(out).toEqual({ ok: true, echoed: args, traceId: HOP["x-trace-id"], spanId: HOP["x-span-id"] });
    const [request] = server.requests;
    expect(request?.url).toBe("/mcp/vision%20mcp/fetch@1.0");
    expect(request?.headers["content-type"]).toBe("application/json");
    expect(request?.headers.authorization).toBe("Bearer svc-token");
    expect(request?.headers["x-cause-trace"]).toBe(CAUSE.traceId);
    expect(request?.headers["x-cause-span"]).toBe(CAUSE.spanId);
    expect(request?.headers["x-auth-context"]).toBeUndefined();
  });

  it("wraps a non-object reply as {result}", async () => {
    gateway(() => ({ status: 200, body: [1, 2] }));
    const out = await callToolViaGateway({
      gatewayBaseUrl: server.baseUrl,
      server: "s",
      toolAtVersion: "t@1",
      cause: CAUSE,
    });
    expect(out).toEqual({ result: [1, 2], traceId: HOP["x-trace-id"], spanId: HOP["x-span-id"] });
  });

  it("sends the 0.2.3 idempotency key, agent-state, graph, trace, tenant, identity and AP2 headers", async () => {
    gateway(() => ({ status: 200, body: { ok: true } }));
    const args = { path: "/tmp/a", content: "hi" };
    const snapshot = {
      nodeId: "Planner Node",
      runId: "run-42",
      variables: { AGENT: { objective: "file the report" } },
      metadata: { team: "ops" },
      parentRef: undefined,
      startedAt: 1234, // extra snapshot members are ignored
    };
    await callToolViaGateway({
      gatewayBaseUrl: server.baseUrl,
      server: "files",
      toolAtVersion: "write@1.0",
      args,
      tenant: "acme",
      traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
      baggage: "k=v",
      idempotencySalt: "retry-1",
      cause: CAUSE,
      identity: { authorization: "Bearer abc", roles: ["admin"] },
      agentState: snapshot,
      ap2: { intent: "eyJ.intent.jws", cart: { id: "cart-1" } },
    });
    const headers = server.requests[0]!.headers;
    const digest = createHash("sha256").update(JSON.stringify(args)).digest("hex").slice(0, 16);
    expect(headers["x-idempotency-key"]).toBe(`run-42:planner-node:write@1.0:${digest}:retry-1`);
    expect(headers["x-graph-run-id"]).toBe("run-42");
    expect(headers["x-graph-node"]).toBe("planner-node");
    expect(headers.traceparent).toBe("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    expect(headers.baggage).toBe("k=v");
    expect(headers["x-tenant"]).toBe("acme");
    expect(extractAgentStateFromHeaders(headers)).toEqual({
      nodeId: "planner-node",
      runId: "run-42",
      variables: { AGENT: { objective: "file the report" } },
      metadata: { team: "ops" },
    });
    expect(parseIdentityContextHeader(headers["x-auth-context"] as string)).toEqual({
      scheme: "bearer",
      tenant: "acme",
      roles: ["admin"],
      token_sha256: createHash("sha256").update("abc").digest("hex"),
    });
    expect(headers["x-ap2-intent-mandate"]).toBe("eyJ.intent.jws");
    expect(headers["x-ap2-cart-mandate"]).toBe('{"id":"cart-1"}');
  });

  it("generates a fresh run id per call when none is given, and honours an explicit key", async () => {
    gateway(() => ({ status: 200, body: {} }));
    const base = { gatewayBaseUrl: server.baseUrl, server: "s", toolAtVersion: "t@1", cause: CAUSE };
    await callToolViaGateway(base);
    await callToolViaGateway(base);
    const [first, second] = server.requests.map((r) => r.headers["x-idempotency-key"] as string);
    expect(first).toMatch(/^[0-9a-f-]{36}:node:t@1:[0-9a-f]{16}$/);
    expect(first).not.toBe(second);
    await callToolViaGateway({ ...base, idempotencyKey: "cart-digest" });
    expect(server.requests[2]?.headers["x-idempotency-key"]).toBe("cart-digest");
  });

  it("turns 403 TOOL_NOT_ALLOWED into MIDDLEWARE_GATEWAY_ERROR with the denial fields", async () => {
    gateway(() => ({
      status: 403,
      body: {
        error: "TOOL_NOT_ALLOWED",
        message: "tool not in allowlist",
        denial_level: "gateway",
        denial_type: "entitlement",
        denial_reason: "tool_not_in_allowlist",
        escalation_id: "esc-1",
        escalation_status: "pending",
      },
    }));
    const error = await expectGatewayError(
      callToolViaGateway({ gatewayBaseUrl: server.baseUrl, server: "s", toolAtVersion: "t@1", cause: CAUSE }),
    );
    expect(error.code).toBe("MIDDLEWARE_GATEWAY_ERROR");
    expect(error.details).toMatchObject({
      code: "TOOL_NOT_ALLOWED",
      status: 403,
      traceId: HOP["x-trace-id"],
      spanId: HOP["x-span-id"],
      denial_level: "gateway",
      denial_type: "entitlement",
      denial_reason: "tool_not_in_allowlist",
      escalation_id: "esc-1",
      escalation_status: "pending",
      // The whole reply too, for the fields a caller's own gateway adds.
      body: { error: "TOOL_NOT_ALLOWED", denial_reason: "tool_not_in_allowlist" },
    });
    expect(error.message).toContain("403 TOOL_NOT_ALLOWED");
  });

  it("reports 429 with Retry-After in milliseconds", async () => {
    gateway(() => ({
      status: 429,
      body: { error: "RATE_LIMITED", message: "slow down" },
      headers: { ...HOP, "retry-after": "7" },
    }));
    const error = await expectGatewayError(
      callToolViaGateway({ gatewayBaseUrl: server.baseUrl, server: "s", toolAtVersion: "t@1", cause: CAUSE }),
    );
    expect(error.details).toMatchObject({
      code: "RATE_LIMITED",
      status: 429,
      retryAfter: "7",
      retryAfterMs: 7000,
    });
    expect(error.message).toContain("Retry after 7000 ms");
  });

  it("reports 409 IDEMPOTENT_DUPLICATE with the dedupe outcome", async () => {
    gateway(() => ({
      status: 409,
      body: { error: "IDEMPOTENT_DUPLICATE", message: "duplicate" },
      headers: { ...HOP, "x-dedupe": "reject" },
    }));
    const error = await expectGatewayError(
      callToolViaGateway({ gatewayBaseUrl: server.baseUrl, server: "s", toolAtVersion: "t@1", cause: CAUSE }),
    );
    expect(error.details).toMatchObject({ code: "IDEMPOTENT_DUPLICATE", status: 409, dedupe: "reject" });
    expect(error.message).toContain("idempotencySalt");
  });

  it("fails when a successful reply lacks the hop ids", async () => {
    gateway(() => ({ status: 200, body: { ok: true }, headers: { "x-trace-id": HOP["x-trace-id"] } }));
    const error = await expectGatewayError(
      callToolViaGateway({ gatewayBaseUrl: server.baseUrl, server: "s", toolAtVersion: "t@1", cause: CAUSE }),
    );
    expect(error.code).toBe("MIDDLEWARE_GATEWAY_TRACE_MISSING");
  });

  it("times out with MIDDLEWARE_GATEWAY_TIMEOUT", async () => {
    server.handle(() => {
      // never answers; closing the server at the end drops the connection
    });
    const error = await expectGatewayError(
      callToolViaGateway({
        gatewayBaseUrl: server.baseUrl,
        server: "s",
        toolAtVersion: "t@1",
        cause: CAUSE,
        timeoutMs: 100,
      }),
    );
    expect(error.code).toBe("MIDDLEWARE_GATEWAY_TIMEOUT");
    expect(error.details).toEqual({ timeoutMs: 100 });
  });

  it("reports an unreachable gateway", async () => {
    const closed = await startTestServer();
    const url = closed.baseUrl;
    await closed.close();
    const error = await expectGatewayError(
      callToolViaGateway({ gatewayBaseUrl: url, server: "s", toolAtVersion: "t@1", cause: CAUSE }),
    );
    expect(error.code).toBe("MIDDLEWARE_GATEWAY_UNREACHABLE");
  });

  it("requires a valid cause and agent state with a run id before sending anything", async () => {
    gateway(() => ({ status: 200, body: {} }));
    const base = { gatewayBaseUrl: server.baseUrl, server: "s", toolAtVersion: "t@1" };
    const noCause = await expectGatewayError(callToolViaGateway({ ...base } as never));
    expect(noCause.code).toBe("MIDDLEWARE_GATEWAY_REQUEST_INVALID");
    expect(noCause.details).toEqual({ field: "cause" });
    const badSpan = await expectGatewayError(
      callToolViaGateway({ ...base, cause: { traceId: CAUSE.traceId, spanId: "xyz" } }),
    );
    expect(badSpan.details).toEqual({ field: "cause.spanId" });
    const noRun = await expectGatewayError(
      callToolViaGateway({ ...base, cause: CAUSE, agentState: { nodeId: "planner" } }),
    );
    expect(noRun.code).toBe("CORE_AGENT_STATE_INVALID");
    const badUrl = await expectGatewayError(
      callToolViaGateway({ ...base, gatewayBaseUrl: "ftp://x", cause: CAUSE }),
    );
    expect(badUrl.details).toEqual({ field: "gatewayBaseUrl" });
    const badArgs = await expectGatewayError(callToolViaGateway({ ...base, cause: CAUSE, args: { n: 1n } }));
    expect(badArgs.details).toEqual({ field: "args" });
    expect(server.requests).toHaveLength(0);
  });
});

describe("seed docs (000 step 3)", () => {
  it("runs the README's callToolViaGateway call as written", async () => {
    gateway((body) => ({ status: 200, body: { status: "approved", got: body } }));
    // What the README has in scope: an instrumentation ctx, an AgentManager, a user token.
    const ctx = { traceId: CAUSE.traceId, spanId: CAUSE.spanId };
    const manager = {
      agent: {
        snapshot: () => ({
          nodeId: "orchestrator",
          runId: "run-2026-01-01",
          parentRef: null,
          variables: {},
          metadata: {},
        }),
      },
    };
    const userAccessToken: string | undefined = undefined;
    const process = { env: { SVC_TOKEN: "svc-token" } };
    const out = await callToolViaGateway({
      gatewayBaseUrl: server.baseUrl,
      server: "vision-mcp",
      toolAtVersion: "fetch@1.0",
      args: {
        url: "https://api.example.com/resource/123",
        method: "PUT",
        body: { status: "approved" },
      },
      // Prefer a per-user OIDC token when available; use SVC_TOKEN for service jobs.
      authHeader: `Bearer ${userAccessToken ?? process.env.SVC_TOKEN}`,
      cause: { traceId: ctx.traceId, spanId: ctx.spanId },
      agentState: manager.agent.snapshot(),
    });
    expect(out).toMatchObject({ status: "approved", traceId: HOP["x-trace-id"], spanId: HOP["x-span-id"] });
    const headers = server.requests[0]!.headers;
    expect(headers.authorization).toBe("Bearer svc-token");
    expect(headers["x-node-id"]).toBe("orchestrator");
    expect(headers["x-agent-ref"]).toBe("run-2026-01-01");
    expect(headers["x-idempotency-key"]).toMatch(/^run-2026-01-01:orchestrator:fetch@1\.0:[0-9a-f]{16}$/);
  });
});

describe("callToolViaGatewayWithAgent", () => {
  it("sends the agent as agent state and uses its ids (legacy ref accepted)", async () => {
    gateway(() => ({ status: 200, body: { done: 1 } }));
    const out = await callToolViaGatewayWithAgent({
      gatewayBaseUrl: server.baseUrl,
      server: "s",
      toolAtVersion: "t@1",
      cause: CAUSE,
      agent: { nodeId: "worker", ref: "run-7", variables: { TOOL: { step: 2 } } },
    });
    expect(out.done).toBe(1);
    const headers = server.requests[0]!.headers;
    expect(headers["x-node-id"]).toBe("worker");
    expect(headers["x-agent-ref"]).toBe("run-7");
    expect(headers["x-idempotency-key"]).toMatch(/^run-7:worker:t@1:/);
    expect(extractAgentStateFromHeaders(headers)?.variables).toEqual({ TOOL: { step: 2 } });
  });
});
