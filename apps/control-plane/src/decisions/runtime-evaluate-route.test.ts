import { RuntimeDecisionErrorSchema, RuntimeDecisionResponseSchema } from "@sec0/core/contracts";
import { createRuntimeClient, resolveRuntimeConfig } from "@sec0/guard";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forEachStorage, type OpenedDatabase } from "../__fixtures__/databases.js";
import { bearer, buildTestApp, keyFor } from "../__fixtures__/test-app.js";

const BASE =
  'tenant: acme\ntools:\n  allowlist: ["mcp://db/*"]\nenforcement:\n  deny_on: [tool_not_in_allowlist, fs_violation]\n';
const AGENT = 'tools:\n  allowlist: ["mcp://fs/*"]\n';
const ESCALATING =
  'tenant: initech\ntools:\n  allowlist: ["*"]\nenforcement:\n  deny_on: [tool_not_in_allowlist]\n  escalate_on: [agent_guard_failed]\n';

type Layer = "middleware" | "gateway" | "decorator" | "guard";

function request(
  server: string,
  tool: string,
  options: { reasons?: string[]; nodeId?: string; tenant?: string; layer?: Layer; forceDeny?: boolean } = {},
) {
  return {
    protocolVersion: "2026-02-01",
    requestId: `mcp://${server}/${tool}:1`,
    context: {
      integrationSurface: "sec0",
      executionLayer: options.layer ?? "middleware",
      server,
      tool,
      ...(options.nodeId === undefined ? {} : { nodeId: options.nodeId }),
      ...(options.tenant === undefined ? {} : { tenant: options.tenant }),
    },
    enforcement: {
      mode: "enforce",
      strategy: "deny_on_match",
      denyOn: [],
      forceDeny: options.forceDeny ?? false,
    },
    input: { reasons: options.reasons ?? [], riskTags: [], attributes: {} },
  };
}

forEachStorage("runtime evaluate route", (storage) => {
  let opened: OpenedDatabase;
  let app: FastifyInstance;
  let writer: string;
  let reader: string;
  let other: string;
  beforeAll(async () => {
    opened = await storage.open();
    app = await buildTestApp(opened);
    writer = await keyFor(opened, "acme", ["policy:read", "policy:write"]);
    reader = await keyFor(opened, "acme", ["policy:read"]);
    other = await keyFor(opened, "globex", ["policy:read"]);
  });
  afterAll(async () => {
    await app.close();
    await opened.close();
  });

  const publish = async (yaml: string, query: string, key = writer, tenant = "acme") => {
    const reply = await app.inject({
      method: "PUT",
      url: `/api/policy/${tenant}?${query}`,
      headers: { ...bearer(key), "content-type": "text/yaml" },
      payload: yaml,
    });
    expect(reply.statusCode).toBe(201);
  };
  const evaluate = (body: unknown, key = reader) =>
    app.inject({
      method: "POST",
      url: "/v1/runtime/evaluate",
      headers: bearer(key),
      payload: body as object,
    });

  it("denies, fail closed, while the tenant has no stored policy", async () => {
    const reply = await evaluate(request("db", "query@1.0"));
    expect(reply.statusCode).toBe(200);
    const body = RuntimeDecisionResponseSchema.parse(reply.json());
    expect(body.decision).toMatchObject({ action: "deny", reason: "policy_fetch_failed", auditRefs: [] });
    expect(reply.json().decision.detail).toContain("no middleware policy");
  });

  it("allows and denies against the published policy, with metadata and the deciding version", async () => {
    await publish(BASE, "level=middleware");
    const allowed = await evaluate(request("db", "query@1.0"));
    expect(allowed.statusCode).toBe(200);
    const body = RuntimeDecisionResponseSchema.parse(allowed.json());
    expect(body).toMatchObject({
      protocolVersion: "2026-02-01",
      decision: { action: "allow", reasons: [], obligations: [] },
    });
    expect(body.decision.auditRefs).toEqual([
      expect.objectContaining({ ref: "policy:acme/middleware/base@1", kind: "policy_version" }),
    ]);
    expect(body.metadata?.engineVersion).toMatch(/^@sec0\/policy@\d/);
    expect(Number.isNaN(Date.parse(body.metadata?.processedAt ?? ""))).toBe(false);
    expect(body.metadata?.latencyMs).toBeGreaterThanOrEqual(0);

    const denied = (await evaluate(request("fs", "write@1.0"))).json();
    expect(denied.decision).toMatchObject({ action: "deny", reason: "tool_not_in_allowlist" });
  });

  it("decides the caller's reasons with the stored deny_on, not the request's", async () => {
    const denied = (await evaluate(request("db", "query@1.0", { reasons: ["fs_violation"] }))).json();
    expect(denied.decision).toMatchObject({
      action: "deny",
      reason: "fs_violation",
      reasons: ["fs_violation"],
    });
    const notListed = (await evaluate(request("db", "query@1.0", { reasons: ["egress_violation"] }))).json();
    expect(notListed.decision.action).toBe("allow");
    const forced = (
      await evaluate(request("db", "query@1.0", { reasons: ["egress_violation"], forceDeny: true }))
    ).json();
    expect(forced.decision).toMatchObject({ action: "deny", reason: "egress_violation" });
  });

  it("uses the node's policy merged over the base, and the base for other nodes", async () => {
    await publish(AGENT, "level=middleware&nodeId=planner");
    const planner = (await evaluate(request("fs", "write@1.0", { nodeId: "Planner" }))).json();
    expect(planner.decision.action).toBe("allow");
    expect(planner.decision.auditRefs.map((ref: { ref: string }) => ref.ref)).toEqual([
      "policy:acme/middleware/base@1",
      "policy:acme/middleware/planner@1",
    ]);
    const plannerDb = (await evaluate(request("db", "query@1.0", { nodeId: "planner" }))).json();
    expect(plannerDb.decision).toMatchObject({ action: "deny", reason: "tool_not_in_allowlist" });
    const writerNode = (await evaluate(request("fs", "write@1.0", { nodeId: "writer" }))).json();
    expect(writerNode.decision.action).toBe("deny");
  });

  it("decides the gateway layer with the gateway policy (none here → deny)", async () => {
    const reply = (await evaluate(request("db", "query@1.0", { layer: "gateway" }))).json();
    expect(reply.decision).toMatchObject({ action: "deny", reason: "policy_fetch_failed" });
  });

  it("takes the tenant from the key: another tenant's key never sees acme's policy", async () => {
    const globex = (await evaluate(request("db", "query@1.0"), other)).json();
    expect(globex.decision).toMatchObject({ action: "deny", reason: "policy_fetch_failed" });
    const named = await evaluate(request("db", "query@1.0", { tenant: "acme" }), other);
    expect(named.statusCode).toBe(401);
    expect(RuntimeDecisionErrorSchema.parse(named.json()).error).toMatchObject({
      code: "CP_TENANT_MISMATCH",
      retryable: false,
    });
  });

  it("escalates for the guard layer and denies the escalation for 0.2.3 layers", async () => {
    const initech = await keyFor(opened, "initech", ["policy:read", "policy:write"]);
    await publish(ESCALATING, "level=middleware", initech, "initech");
    const guard = (
      await evaluate(request("db", "query@1.0", { layer: "guard", reasons: ["agent_guard_failed"] }), initech)
    ).json();
    expect(guard.decision).toMatchObject({ action: "escalate", reason: "agent_guard_failed" });
    const middleware = (
      await evaluate(request("db", "query@1.0", { reasons: ["agent_guard_failed"] }), initech)
    ).json();
    expect(middleware.decision).toMatchObject({ action: "deny", reason: "agent_guard_failed" });
  });

  describe("errors in the runtime contract's shape", () => {
    const expectRuntimeError = (
      reply: Awaited<ReturnType<typeof evaluate>>,
      status: number,
      code: string,
    ) => {
      expect(reply.statusCode).toBe(status);
      expect(reply.headers["content-type"]).toContain("application/json");
      const body = RuntimeDecisionErrorSchema.parse(reply.json());
      expect(body.error.code).toBe(code);
      expect(body.error.retryable).toBe(false);
      return body;
    };

    it("rejects an unknown protocol version with 400", async () => {
      const body = expectRuntimeError(
        await evaluate({ ...request("db", "query@1.0"), protocolVersion: "2030-01-01" }),
        400,
        "CP_REQUEST_INVALID",
      );
      expect(body.error.message).toContain("protocolVersion");
      expect(body.error.details).toMatchObject({
        issues: [expect.objectContaining({ path: "body.protocolVersion" })],
      });
    });

    it("rejects a request missing context.server, and a body that is not JSON, with 400", async () => {
      const { context, ...rest } = request("db", "query@1.0");
      const { server: _server, ...noServer } = context;
      expectRuntimeError(await evaluate({ ...rest, context: noServer }), 400, "CP_REQUEST_INVALID");
      const notJson = await app.inject({
        method: "POST",
        url: "/v1/runtime/evaluate",
        headers: { ...bearer(reader), "content-type": "application/json" },
        payload: "{not json",
      });
      expectRuntimeError(notJson, 400, "CP_BODY_INVALID");
    });

    it("answers 401 without a valid key and without policy:read", async () => {
      const none = await app.inject({
        method: "POST",
        url: "/v1/runtime/evaluate",
        payload: request("db", "q@1"),
      });
      expectRuntimeError(none, 401, "CP_UNAUTHENTICATED");
      const noScope = await keyFor(opened, "acme", ["escalation:create"]);
      expectRuntimeError(await evaluate(request("db", "query@1.0"), noScope), 401, "CP_SCOPE_MISSING");
    });

    it("leaves the other routes' problem+json errors alone", async () => {
      const reply = await app.inject({ url: "/api/policy/acme?level=middleware" });
      expect(reply.statusCode).toBe(401);
      expect(reply.headers["content-type"]).toContain("application/problem+json");
    });
  });

  describe("the @sec0/guard remote runtime client", () => {
    let served: FastifyInstance;
    let endpoint: string;
    beforeAll(async () => {
      served = await buildTestApp(opened);
      const address = await served.listen({ port: 0, host: "127.0.0.1" });
      endpoint = `${address}/v1/runtime/evaluate`;
    });
    afterAll(() => served.close());

    it("gets the control plane's decision (not its failure mode)", async () => {
      const client = createRuntimeClient(
        resolveRuntimeConfig({ mode: "remote", failureMode: "allow", remote: { endpoint, apiKey: reader } }),
      );
      const denied = await client.evaluate(request("fs", "write@1.0") as never);
      expect(denied).toMatchObject({
        adapterMode: "remote",
        evaluationSource: "remote",
        decision: "deny",
        reason: "tool_not_in_allowlist",
      });
      expect(denied.failure).toBeUndefined();
      const allowed = await client.evaluate(request("db", "query@1.0") as never);
      expect(allowed).toMatchObject({ evaluationSource: "remote", decision: "allow" });
    });

    it("applies its failure mode when the key is refused (a 401 in the contract's shape)", async () => {
      const client = createRuntimeClient(
        resolveRuntimeConfig({
          mode: "remote",
          failureMode: "deny",
          remote: { endpoint, apiKey: "sec0_wrong_key_0000000000" },
        }),
      );
      const out = await client.evaluate(request("db", "query@1.0") as never);
      expect(out).toMatchObject({ evaluationSource: "fallback-deny", decision: "deny" });
      expect(out.failure).toMatchObject({ kind: "http", status: 401 });
    });
  });
});
