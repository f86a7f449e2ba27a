// Decisions through the whole gateway: bearer tokens verified against a local IdP, egress
// guardrails, escalation of denied side effects, and shutdown that drains in-flight calls.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  callHeaders,
  type GatewayUnderTest,
  startGatewayUnderTest,
} from "../__fixtures__/gateway-under-test.js";
import { startUpstream } from "../__fixtures__/upstream.js";
import {
  createIdpKey,
  type IdpKey,
  type LocalIdp,
  signToken,
  startLocalIdp,
} from "../auth/__fixtures__/local-idp.js";
import { startGatewayServer } from "../start-gateway-server.js";

let gw: GatewayUnderTest | undefined;
afterEach(async () => {
  await gw?.close();
  gw = undefined;
});

describe("bearer tokens at the gateway", () => {
  let idp: LocalIdp;
  let key: IdpKey;
  beforeAll(async () => {
    key = await createIdpKey("ES256", "k1");
    idp = await startLocalIdp([key]);
  });
  afterAll(async () => idp?.close());
  const now = () => Math.floor(Date.now() / 1000);
  const start = async () => {
    gw = await startGatewayUnderTest({
      enforcement: { mode: "enforce" },
      authn: { oidc: { issuer: idp.issuer, audience: "sec0-gateway", jwks_uri: idp.jwksUri } },
    });
    return gw;
  };
  const call = (g: GatewayUnderTest, token?: string) =>
    g.app.inject({
      method: "POST",
      url: "/mcp/files/read@1",
      headers: { ...callHeaders(), ...(token === undefined ? {} : { authorization: `Bearer ${token}` }) },
      payload: {},
    });

  it("accepts a valid token and records who called by hash only", async () => {
    const g = await start();
    const token = await signToken(key, {
      iss: idp.issuer,
      aud: "sec0-gateway",
      sub: "u1",
      org: "acme",
      exp: now() + 300,
    });
    const res = await call(g, token);
    expect(res.statusCode).toBe(200);
    expect(JSON.stringify(g.records.at(-1))).not.toContain(token);
    expect(g.records.at(-1)).toMatchObject({ principal_scheme: "bearer" });
  });

  it.each([
    ["expired", { exp: -120 }],
    ["for another audience", { aud: "other" }],
    ["from another issuer", { iss: "https://evil.example" }],
  ])("refuses a token %s with 401 and no upstream call", async (_, override) => {
    const g = await start();
    const claims = {
      iss: idp.issuer,
      aud: "sec0-gateway",
      sub: "u1",
      org: "acme",
      exp: now() + 300,
      ...override,
    };
    if ("exp" in override) claims.exp = now() + (override.exp as number);
    const res = await call(g, await signToken(key, claims));
    expect(res.statusCode).toBe(401);
    expect(res.headers["www-authenticate"]).toContain("Bearer");
    expect(res.json()).toMatchObject({ error: "UNAUTHENTICATED" });
    expect(res.json().message).not.toMatch(/expired|audience|issuer/);
    expect(g.upstream.calls).toHaveLength(0);
    expect(String(g.records.at(-1)?.error ?? "")).toMatch(/token_expired|audience_mismatch|issuer_mismatch/);
  });

  it("refuses a call without a token with 401", async () => {
    const g = await start();
    expect((await call(g)).statusCode).toBe(401);
  });
});

describe("guardrails and escalation", () => {
  it("refuses a URL argument outside security.egress_allowlist (denial_type rasp)", async () => {
    gw = await startGatewayUnderTest({
      enforcement: { mode: "enforce" },
      security: { egress_allowlist: ["api.example.com"] },
    });
    const ok = await gw.app.inject({
      method: "POST",
      url: "/mcp/files/fetch@1",
      headers: callHeaders(),
      payload: { url: "https://api.example.com/x" },
    });
    expect(ok.statusCode).toBe(200);
    for (const url of [
      "https://api.example.com.evil.net/",
      "https://api.example.com@evil.net/",
      "http://127.0.0.1:6379/",
    ]) {
      const res = await gw.app.inject({
        method: "POST",
        url: "/mcp/files/fetch@1",
        headers: callHeaders(),
        payload: { url },
      });
      expect(res.statusCode, url).toBe(403);
      expect(res.json()).toMatchObject({ denial_reason: "egress_violation", denial_type: "rasp" });
    }
    expect(gw.upstream.calls).toHaveLength(1);
  });

  it("escalates a denied side effect to the reporter and answers 403 ESCALATION_PENDING", async () => {
    const created: unknown[] = [];
    gw = await startGatewayUnderTest({
      enforcement: { mode: "enforce", deny_on: [], escalate_on: ["tool_not_in_allowlist"] },
      entitlements: { tenants: { acme: { allowlist: ["mcp://files/read@*"] } } },
      escalationReporter: {
        create: async (input) => {
          created.push(input);
          return { id: "esc_1", status: "pending" };
        },
      },
    });
    const res = await gw.app.inject({
      method: "POST",
      url: "/mcp/files/delete_file@1",
      headers: callHeaders(),
      payload: { path: "/a" },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({
      error: "ESCALATION_PENDING",
      escalation_id: "esc_1",
      escalation_status: "pending",
    });
    expect(created).toHaveLength(1);
    expect(gw.upstream.calls).toHaveLength(0);
  });
});

describe("shutdown", () => {
  it("lets an in-flight call finish, then stops", async () => {
    const upstream = await startUpstream();
    const server = startGatewayServer({
      port: 0,
      tenant: "acme",
      targets: { files: upstream.url },
      audit: { append: () => undefined, gatewayName: "g", gatewayVersion: "1" },
    });
    const { url } = await server.ready;
    const slow = fetch(`${url}/mcp/files/slow@1`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-idempotency-key": "slow-1" },
      body: JSON.stringify({ ms: 400 }),
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const stopped = server.shutdown();
    const reply = await slow;
    expect(reply.status).toBe(200);
    const t0 = Date.now();
    await stopped;
    expect(Date.now() - t0).toBeLessThan(3000); // not the 10 s force-close timeout
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
    await upstream.close();
  });
});
