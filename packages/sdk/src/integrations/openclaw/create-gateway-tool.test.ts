// The gateway tool against a gateway stand-in on 127.0.0.1 that checks the headers a sec0 gateway
// reads, registered through the plugin as OpenClaw would (a factory called with the run's context).
import { isSec0Error } from "@sec0/core";
import { ap2IdempotencyKey } from "@sec0/gateway";
import { replyJson, startTestServer, type TestServer } from "@sec0/testkit";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createFakeApi, createWorkspace } from "./__fixtures__/openclaw-fixtures.js";
import { createGatewayTool } from "./create-gateway-tool.js";
import { createMoltbotPlugin } from "./create-moltbot-plugin.js";
import type { Sec0MoltbotConfig } from "./moltbot-config.js";
import type { OpenClawAgentTool, OpenClawPluginToolFactory } from "./openclaw-plugin-api.js";
import { resolveGatewayTool } from "./resolve-gateway-tool.js";
import { validateMoltbotConfig } from "./validate-moltbot-config.js";

const HOP = { "x-trace-id": "0af7651916cd43dd8448eb211c80319c", "x-span-id": "b7ad6b7169203331" };
const SECRET = "Bearer gw-secret-token-123";

let gateway: TestServer;
beforeAll(async () => {
  gateway = await startTestServer();
  gateway.handle((request, response) => {
    // Like a sec0 gateway: an idempotency key and a well-formed cause are required.
    const missing = ["x-idempotency-key", "x-cause-trace", "x-cause-span"].find(
      (name) => typeof request.headers[name] !== "string",
    );
    if (missing !== undefined)
      return replyJson(response, 400, { error: "BAD_REQUEST", message: missing }, HOP);
    if (request.url.includes("/deny"))
      return replyJson(response, 403, { error: "POLICY_DENIED", message: "denied by policy" }, HOP);
    replyJson(response, 200, { ok: true, echoed: JSON.parse(request.body) }, HOP);
  });
});
afterAll(() => gateway.close());

const workspaces: Array<ReturnType<typeof createWorkspace>> = [];
afterEach(() => {
  for (const workspace of workspaces.splice(0)) workspace.cleanup();
});

function resolved(gatewayTool: Sec0MoltbotConfig["gatewayTool"]) {
  const workspace = createWorkspace("gwtool");
  workspaces.push(workspace);
  const tool = resolveGatewayTool(workspace.config({ gatewayTool }));
  if (tool === undefined) throw new Error("expected an enabled tool");
  return tool;
}

const defaults = () => ({ gatewayBaseUrl: gateway.baseUrl, server: "payments", authHeader: SECRET });

describe("createGatewayTool", () => {
  it("calls the gateway with the run's node and run ids, a random cause and 0.2.3's AP2 mandates", async () => {
    const tool = createGatewayTool(
      resolved({ enabled: true, defaults: defaults() }),
      "acme",
      {
        agentId: "main",
        sessionKey: "agent:main:s1",
      },
      { now: () => 1_700_000_000_000 },
    );
    const args = { amount: 5, currency: "EUR" };
    const out = await tool.execute("call-1", { toolAtVersion: "pay@1.0", args, to: "bob@example.com" });
    expect(out.details).toMatchObject({ ok: true, echoed: args, traceId: HOP["x-trace-id"] });
    expect(JSON.parse(out.content[0]?.text ?? "")).toEqual(out.details);
    const request = gateway.requests.at(-1);
    expect(request?.url).toBe("/mcp/payments/pay@1.0");
    const headers = request?.headers ?? {};
    expect(headers["x-graph-node"]).toBe("main");
    expect(headers["x-graph-run-id"]).toBe("agent:main:s1");
    expect(headers["x-tenant"]).toBe("acme");
    expect(headers.authorization).toBe(SECRET);
    expect(headers["x-cause-trace"]).toMatch(/^[0-9a-f]{32}$/);
    expect(headers["x-cause-span"]).toMatch(/^[0-9a-f]{16}$/);
    const intent = JSON.parse(String(headers["x-ap2-intent-mandate"]));
    const cart = JSON.parse(String(headers["x-ap2-cart-mandate"]));
    expect(intent).toEqual({
      jti: "intent-1700000000000",
      constraints: { tool: "pay@1.0", server: "payments", to: "bob@example.com" },
    });
    expect(cart).toEqual({ jti: "cart-1700000000000", args });
    // The key the gateway recomputes from the cart (0.2.3 sent one that never matched).
    expect(headers["x-idempotency-key"]).toBe(ap2IdempotencyKey(cart));
  });

  it("defaults the node id to moltbot-agent and the run id to the tool call id; ap2Auto: false sends no mandates", async () => {
    const tool = createGatewayTool(
      resolved({ enabled: true, ap2Auto: false, defaults: defaults() }),
      "acme",
      undefined,
    );
    await tool.execute("call-7", { toolAtVersion: "pay@1.0" });
    const headers = gateway.requests.at(-1)?.headers ?? {};
    expect(headers["x-graph-node"]).toBe("moltbot-agent");
    expect(headers["x-graph-run-id"]).toBe("call-7");
    expect(headers["x-ap2-intent-mandate"]).toBeUndefined();
    expect(headers["x-ap2-cart-mandate"]).toBeUndefined();
    expect(headers["x-idempotency-key"]).toMatch(/^call-7:moltbot-agent:pay@1\.0:[0-9a-f]{16}$/);
  });

  it("uses a fresh cause per call", async () => {
    const tool = createGatewayTool(resolved({ enabled: true, defaults: defaults() }), "acme", undefined);
    await tool.execute("a", { toolAtVersion: "pay@1.0" });
    await tool.execute("b", { toolAtVersion: "pay@1.0" });
    const [first, second] = gateway.requests.slice(-2).map((r) => r.headers["x-cause-trace"]);
    expect(first).not.toBe(second);
  });

  it("throws the gateway's refusal with its code, never the auth header", async () => {
    const tool = createGatewayTool(resolved({ enabled: true, defaults: defaults() }), "acme", undefined);
    const error = await tool.execute("c", { toolAtVersion: "deny@1.0" }).catch((e: unknown) => e);
    expect(isSec0Error(error) && error.code).toBe("MIDDLEWARE_GATEWAY_ERROR");
    expect(
      JSON.stringify({
        message: (error as Error).message,
        details: (error as { details?: unknown }).details,
      }),
    ).not.toContain("gw-secret");
    const bad = await tool.execute("d", { toolAtVersion: "pay@1.0", args: [1] }).catch((e: unknown) => e);
    expect(isSec0Error(bad) && [bad.code, bad.details]).toEqual([
      "MIDDLEWARE_GATEWAY_REQUEST_INVALID",
      { field: "args" },
    ]);
  });

  it("describes its params as a JSON Schema, requiring what the defaults do not give", () => {
    const tool = createGatewayTool(
      resolved({ enabled: true, defaults: { gatewayBaseUrl: gateway.baseUrl } }),
      "acme",
      undefined,
    );
    expect(tool.name).toBe("sec0.call_gateway");
    expect(tool.parameters).toMatchObject({ type: "object", required: ["server", "toolAtVersion"] });
  });
});

describe("gatewayTool config", () => {
  it("is registered by the plugin as a factory under its name, and not when disabled", async () => {
    const workspace = createWorkspace("gwplugin");
    workspaces.push(workspace);
    const plugin = createMoltbotPlugin(() =>
      workspace.config({ gatewayTool: { enabled: true, name: "pay_via_gateway", defaults: defaults() } }),
    );
    const fake = createFakeApi();
    plugin.register(fake.api);
    expect(fake.tools.map((t) => t.opts?.name)).toEqual(["pay_via_gateway"]);
    const registered = fake.tools[0];
    if (registered === undefined) throw new Error("no tool registered");
    const tool = (registered.tool as OpenClawPluginToolFactory)({
      agentId: "ops",
      sessionKey: "agent:ops:1",
    }) as OpenClawAgentTool;
    expect(tool.name).toBe("pay_via_gateway");
    await tool.execute("e", { toolAtVersion: "pay@1.0" });
    expect(gateway.requests.at(-1)?.headers["x-graph-node"]).toBe("ops");
    await plugin.hooks()?.close();

    const off = createMoltbotPlugin(() => workspace.config({ gatewayTool: { enabled: false } }));
    const offApi = createFakeApi();
    off.register(offApi.api);
    expect(offApi.tools).toEqual([]);
    await off.hooks()?.close();
  });

  it.each([
    [{ enabled: "yes" }, "gatewayTool.enabled"],
    [{ enabled: true }, "gatewayTool.defaults"],
    [{ enabled: true, defaults: { gatewayBaseUrl: "ftp://x" } }, "gatewayTool.defaults.gatewayBaseUrl"],
    [
      { enabled: true, name: "bad name", defaults: { gatewayBaseUrl: "http://127.0.0.1:1" } },
      "gatewayTool.name",
    ],
    [
      { enabled: true, ap2Auto: 1, defaults: { gatewayBaseUrl: "http://127.0.0.1:1" } },
      "gatewayTool.ap2Auto",
    ],
    [
      { enabled: true, defaults: { gatewayBaseUrl: "http://127.0.0.1:1", timeoutMs: 0 } },
      "gatewayTool.defaults.timeoutMs",
    ],
    [
      { enabled: true, defaults: { gatewayBaseUrl: "http://127.0.0.1:1", authHeader: "" } },
      "gatewayTool.defaults.authHeader",
    ],
  ])("refuses %j naming %s", (gatewayTool, field) => {
    const workspace = createWorkspace("gwbad");
    workspaces.push(workspace);
    const config = workspace.config({ gatewayTool: gatewayTool as never });
    expect(() => validateMoltbotConfig(config)).toThrow(
      expect.objectContaining({ code: "SDK_OPENCLAW_CONFIG_INVALID", details: { field } }),
    );
  });
});
