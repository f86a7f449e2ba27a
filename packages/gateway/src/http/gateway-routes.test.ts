// The gateway's routes and wire format through fastify.inject(): a governed call reaches the
// upstream with the documented headers; every reply carries the hop ids of its audit record.
import { afterEach, describe, expect, it } from "vitest";
import {
  callHeaders,
  type GatewayUnderTest,
  startGatewayUnderTest,
} from "../__fixtures__/gateway-under-test.js";

let gw: GatewayUnderTest;
afterEach(async () => gw?.close());

describe("POST /mcp/{server}/{tool@version}", () => {
  it("forwards the arguments upstream and answers with the upstream's JSON and the hop ids", async () => {
    gw = await startGatewayUnderTest();
    const res = await gw.app.inject({
      method: "POST",
      url: "/mcp/files/read@1.0",
      headers: {
        ...callHeaders("key-1"),
        authorization: "Bearer caller-secret",
        "x-cause-trace": "a".repeat(32),
        "x-cause-span": "b".repeat(16),
      },
      payload: { path: "/a" },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true, tool: "read@1.0", args: { path: "/a" } });
    expect(res.headers["x-trace-id"]).toMatch(/^[0-9a-f]{32}$/);
    expect(res.headers["x-span-id"]).toMatch(/^[0-9a-f]{16}$/);
    expect(res.headers["x-idempotency-key"]).toBe("key-1");
    const sent = gw.upstream.calls[0];
    expect(sent?.tool).toBe("read@1.0");
    expect(sent?.headers["x-cause-trace"]).toBe(res.headers["x-trace-id"]);
    expect(sent?.headers["x-cause-span"]).toBe(res.headers["x-span-id"]);
    expect(sent?.headers["x-node-id"]).toBe("planner");
    expect(sent?.headers["x-idempotency-key"]).toBe("key-1");
    expect(sent?.headers.authorization).toBeUndefined();
    expect(JSON.stringify(sent?.headers)).not.toContain("caller-secret");
    const record = gw.records.at(-1);
    expect(record).toMatchObject({
      node_type: "gateway",
      gateway: "test-gateway@1.0.0",
      trace_id: res.headers["x-trace-id"],
    });
  });

  it("hands an approval token on to the upstream as x-sec0-approval-token, from the header or the arguments", async () => {
    gw = await startGatewayUnderTest();
    const inArgs = await gw.app.inject({
      method: "POST",
      url: "/mcp/files/read@1.0",
      headers: callHeaders("key-approval-1"),
      payload: { path: "/a", approval_token: "apt_from_args" },
    });
    expect(inArgs.statusCode).toBe(200);
    expect(gw.upstream.calls[0]?.headers["x-sec0-approval-token"]).toBe("apt_from_args");
    const inHeader = await gw.app.inject({
      method: "POST",
      url: "/mcp/files/read@1.0",
      headers: { ...callHeaders("key-approval-2"), "x-sec0-approval-token": "apt_from_header" },
      payload: { path: "/a" },
    });
    expect(inHeader.statusCode).toBe(200);
    expect(gw.upstream.calls[1]?.headers["x-sec0-approval-token"]).toBe("apt_from_header");
    const none = await gw.app.inject({
      method: "POST",
      url: "/mcp/files/read@1.0",
      headers: callHeaders("key-approval-3"),
      payload: { path: "/a" },
    });
    expect(none.statusCode).toBe(200);
    expect(gw.upstream.calls[2]?.headers["x-sec0-approval-token"]).toBeUndefined();
  });

  it("treats an empty body as {} and wraps a non-JSON answer as {raw}", async () => {
    gw = await startGatewayUnderTest();
    const res = await gw.app.inject({ method: "POST", url: "/mcp/files/text@1", headers: callHeaders() });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ raw: "plain answer" });
  });

  it("refuses an unknown server with 502 TARGET_NOT_FOUND and records the refusal", async () => {
    gw = await startGatewayUnderTest();
    const res = await gw.app.inject({
      method: "POST",
      url: "/mcp/nope/read@1",
      headers: callHeaders(),
      payload: {},
    });
    expect(res.statusCode).toBe(502);
    expect(res.json()).toMatchObject({ error: "TARGET_NOT_FOUND", code: "TARGET_NOT_FOUND", status: 502 });
    expect(res.headers["x-trace-id"]).toMatch(/^[0-9a-f]{32}$/);
    expect(gw.upstream.calls).toHaveLength(0);
    expect(gw.records.at(-1)).toMatchObject({
      decision_reason: "target_not_found",
      trace_id: res.headers["x-trace-id"],
    });
  });

  it("requires x-idempotency-key (400) as 0.2.3 did", async () => {
    gw = await startGatewayUnderTest();
    const res = await gw.app.inject({
      method: "POST",
      url: "/mcp/files/read@1",
      headers: { "content-type": "application/json" },
      payload: {},
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: "IDEMPOTENCY_KEY_REQUIRED" });
    expect(gw.upstream.calls).toHaveLength(0);
  });

  it.each([
    ["malformed JSON", "{not json", 400, "BAD_REQUEST"],
    ["an array body", "[1,2]", 400, "BAD_REQUEST"],
    ["a string body", '"hello"', 400, "BAD_REQUEST"],
    ["__proto__ poisoning", '{"__proto__":{"admin":true}}', 400, "BAD_REQUEST"],
  ])("refuses %s with a clear error and no upstream call", async (_, payload, status, code) => {
    gw = await startGatewayUnderTest();
    const res = await gw.app.inject({
      method: "POST",
      url: "/mcp/files/read@1",
      headers: callHeaders(),
      payload,
    });
    expect(res.statusCode).toBe(status);
    expect(res.json()).toMatchObject({ error: code });
    expect(res.headers["x-trace-id"]).toMatch(/^[0-9a-f]{32}$/);
    expect(gw.upstream.calls).toHaveLength(0);
    expect(gw.records).toHaveLength(1);
  });

  it("refuses a body over maxBodyBytes with 413 while reading it", async () => {
    gw = await startGatewayUnderTest({ limits: { maxBodyBytes: 1024 } });
    const res = await gw.app.inject({
      method: "POST",
      url: "/mcp/files/read@1",
      headers: callHeaders(),
      payload: JSON.stringify({ pad: "x".repeat(4096) }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ error: "PAYLOAD_TOO_LARGE" });
    expect(gw.upstream.calls).toHaveLength(0);
    expect(gw.records.at(-1)).toMatchObject({ decision_reason: "payload_too_large" });
  });

  it("refuses hostile idempotency keys and names with control characters", async () => {
    gw = await startGatewayUnderTest();
    const spaced = await gw.app.inject({
      method: "POST",
      url: "/mcp/files/read@1",
      headers: { ...callHeaders(), "x-idempotency-key": "a b" },
      payload: {},
    });
    expect(spaced.statusCode).toBe(400);
    const control = await gw.app.inject({
      method: "POST",
      url: "/mcp/files/re%0Aad@1",
      headers: callHeaders(),
      payload: {},
    });
    expect(control.statusCode).toBe(400);
    expect(gw.upstream.calls).toHaveLength(0);
  });
});

describe("POST /a2a/invoke", () => {
  it("routes {to, toolAtVersion, args} like /mcp", async () => {
    gw = await startGatewayUnderTest();
    const res = await gw.app.inject({
      method: "POST",
      url: "/a2a/invoke",
      headers: callHeaders(),
      payload: { to: "files", toolAtVersion: "read@1.0", args: { path: "/b" } },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ tool: "read@1.0", args: { path: "/b" } });
  });

  it("refuses a body without `to` with 400", async () => {
    gw = await startGatewayUnderTest();
    const res = await gw.app.inject({
      method: "POST",
      url: "/a2a/invoke",
      headers: callHeaders(),
      payload: { toolAtVersion: "read@1" },
    });
    expect(res.statusCode).toBe(400);
    expect(gw.upstream.calls).toHaveLength(0);
  });
});

describe("upstream failures", () => {
  it("relays the upstream's error code and status", async () => {
    gw = await startGatewayUnderTest();
    const res = await gw.app.inject({
      method: "POST",
      url: "/mcp/files/fail@1",
      headers: callHeaders(),
      payload: {},
    });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toMatchObject({ error: "TOOL_FAILED", denial_level: "gateway" });
    expect(gw.records.at(-1)).toMatchObject({ status: "error", trace_id: res.headers["x-trace-id"] });
  });

  it("aborts the upstream at security.limits.max_duration_ms with 504", async () => {
    gw = await startGatewayUnderTest({ security: { limits: { max_duration_ms: 100 } } });
    const t0 = Date.now();
    const res = await gw.app.inject({
      method: "POST",
      url: "/mcp/files/slow@1",
      headers: callHeaders(),
      payload: { ms: 3000 },
    });
    expect(res.statusCode).toBe(504);
    expect(res.json()).toMatchObject({ error: "UPSTREAM_TIMEOUT" });
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it("refuses an answer larger than maxResponseBytes", async () => {
    gw = await startGatewayUnderTest({ limits: { maxResponseBytes: 10_000 } });
    const res = await gw.app.inject({
      method: "POST",
      url: "/mcp/files/huge@1",
      headers: callHeaders(),
      payload: { bytes: 50_000 },
    });
    expect(res.statusCode).toBe(502);
  });
});

describe("health", () => {
  it("answers /healthz and /readyz", async () => {
    gw = await startGatewayUnderTest();
    expect((await gw.app.inject({ method: "GET", url: "/healthz" })).statusCode).toBe(200);
    const ready = await gw.app.inject({ method: "GET", url: "/readyz" });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ ready: true });
  });
});
