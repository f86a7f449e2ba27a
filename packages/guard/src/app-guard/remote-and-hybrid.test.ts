// Dashboard and hybrid guards against a control plane on 127.0.0.1 that behaves, then fails: down,
// slow, or answering garbage. Whatever it does, an enforcing guard never allows because of it.
import type { ServerResponse } from "node:http";
import {
  createMemoryAuditSink,
  freePort,
  type RecordedRequest,
  replyJson,
  startTestServer,
  type TestServer,
} from "@sec0/testkit";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createSec0Guard } from "./create-sec0-guard.js";
import type { Sec0GuardConfig } from "./guard-config.js";
import { GuardPolicyUnavailableError } from "./guard-errors.js";

const POLICY = `tenant: acme
security:
  egress_allowlist: ["api.allowed.com"]
enforcement:
  deny_on: [egress_violation]
`;
const LOCAL_RULES = {
  defaultOutcome: "block" as const,
  rules: [{ kind: "api_call" as const, target: "https://local.ok/*", outcome: "allow" as const }],
};
const KEY = "sec0_test_key_0123456789";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

/** A control plane that validates the key and serves POLICY with an ETag. */
function healthyControlPlane(request: RecordedRequest, response: ServerResponse): void {
  if (request.method === "POST" && request.url === "/api/auth/validate-key") {
    replyJson(response, 200, { tenant: "acme", env: "prod", clientName: "app", clientVersion: "1.0.0" });
    return;
  }
  if (request.method === "GET" && request.url.startsWith("/api/policy/acme?level=middleware")) {
    if (request.headers["if-none-match"] === '"v1"') {
      response.writeHead(304, { etag: '"v1"' }).end();
      return;
    }
    response.writeHead(200, { "content-type": "text/yaml", etag: '"v1"' }).end(POLICY);
    return;
  }
  replyJson(response, 404, { code: "CP_NOT_FOUND" });
}

function guard(extra: Partial<Sec0GuardConfig> & { remote?: Record<string, unknown> } = {}) {
  const { remote, ...rest } = extra;
  return createSec0Guard({
    mode: "dashboard",
    provider: {
      remote: { auth: { apiKey: KEY }, controlPlaneUrl: server.baseUrl, timeoutMs: 500, ...remote },
    },
    audit: { sink: createMemoryAuditSink() },
    ...rest,
  } as Sec0GuardConfig);
}

describe("dashboard mode", () => {
  it("finds the tenant from the key, fetches the policy once, and decides with it (source remote)", async () => {
    server.handle(healthyControlPlane);
    const g = guard({ source: undefined } as never);
    const blocked = await g.check({ kind: "api_call", target: "https://evil.example/path" });
    expect(blocked).toMatchObject({
      outcome: "block",
      reason: "egress_violation",
      provider: { mode: "dashboard", source: "remote" },
    });
    expect((await g.check({ kind: "api_call", target: "https://api.allowed.com/x" })).outcome).toBe("allow");
    const [validate, fetch] = server.requests;
    expect(server.requests).toHaveLength(2);
    expect(validate).toMatchObject({ method: "POST", url: "/api/auth/validate-key" });
    expect(validate?.headers).toMatchObject({ "x-api-key": KEY, authorization: `Bearer ${KEY}` });
    expect(fetch?.headers).toMatchObject({
      authorization: `Bearer ${KEY}`,
      accept: expect.stringContaining("yaml"),
    });
  });

  it("uses the configured tenant without asking for it", async () => {
    server.handle(healthyControlPlane);
    const g = guard({ remote: { tenant: "acme" } });
    await g.check({ kind: "api_call", target: "https://api.allowed.com" });
    expect(server.requests.map((r) => r.url)).toEqual(["/api/policy/acme?level=middleware"]);
  });

  it.each([
    ["down (closed port)", "down"],
    ["slow (no answer within timeoutMs)", "slow"],
    ["HTML with 200", "html"],
    ["invalid policy YAML", "yaml"],
    ["500 to everything", "500"],
    ["a 401 on the key", "401"],
  ])(
    "a control plane %s never yields an allow: GUARD_POLICY_UNAVAILABLE, action not run",
    async (_label, kind) => {
      const pending: ServerResponse[] = [];
      server.handle((request, response) => {
        if (kind === "slow") return void pending.push(response);
        if (kind === "500") return void replyJson(response, 500, { error: "boom" });
        if (kind === "401") return void replyJson(response, 401, { code: "CP_UNAUTHENTICATED" });
        if (request.url === "/api/auth/validate-key") return healthyControlPlane(request, response);
        if (kind === "html")
          return void response.writeHead(200, { "content-type": "text/html" }).end("<html>hi</html>");
        response.writeHead(200, { "content-type": "text/yaml" }).end("tenant: [unclosed");
      });
      const url = kind === "down" ? `http://127.0.0.1:${await freePort()}` : server.baseUrl;
      const g = guard({ remote: { controlPlaneUrl: url, timeoutMs: 300 } });
      const action = vi.fn();
      await expect(g.check({ kind: "api_call", target: "https://api.allowed.com" })).rejects.toBeInstanceOf(
        GuardPolicyUnavailableError,
      );
      await expect(
        g.execute({ kind: "api_call", target: "https://api.allowed.com" }, action),
      ).rejects.toMatchObject({
        code: "GUARD_POLICY_UNAVAILABLE",
      });
      expect(action).not.toHaveBeenCalled();
      for (const response of pending) response.destroy();
    },
  );

  it("keeps the last good policy when the control plane fails later, marked remote-cache with the reason", async () => {
    server.handle(healthyControlPlane);
    let now = 1_000_000;
    const g = guard({ now: () => now, remote: { refreshIntervalMs: 1000 } });
    expect((await g.check({ kind: "api_call", target: "https://evil.example" })).provider.source).toBe(
      "remote",
    );
    server.handle((_request, response) => replyJson(response, 503, { error: "maintenance" }));
    now += 5000;
    // The first check after the interval revalidates in the background; once it failed, decisions say so.
    await g.check({ kind: "api_call", target: "https://evil.example" });
    await vi.waitFor(async () => {
      const decision = await g.check({ kind: "api_call", target: "https://evil.example" });
      expect(decision).toMatchObject({
        outcome: "block",
        reason: "egress_violation",
        provider: { source: "remote-cache" },
      });
      expect(decision.provider.fallbackReason).toMatch(/503/);
    });
  });

  it("revalidates with If-None-Match and keeps the policy on 304", async () => {
    server.handle(healthyControlPlane);
    let now = 2_000_000;
    const g = guard({ now: () => now, remote: { tenant: "acme", refreshIntervalMs: 1000 } });
    await g.check({ kind: "api_call", target: "https://api.allowed.com" });
    now += 5000;
    await g.check({ kind: "api_call", target: "https://api.allowed.com" });
    await vi.waitFor(() => expect(server.requests).toHaveLength(2));
    expect(server.requests[1]?.headers["if-none-match"]).toBe('"v1"');
    expect((await g.check({ kind: "api_call", target: "https://api.allowed.com" })).provider.source).toBe(
      "remote",
    );
  });
});

describe("hybrid mode", () => {
  const hybrid = (
    precedence: "remote-first" | "local-first",
    url: string,
    local: unknown = { policy: LOCAL_RULES },
  ) =>
    createSec0Guard({
      provider: {
        precedence,
        remote: { auth: { apiKey: KEY }, controlPlaneUrl: url, timeoutMs: 300 },
        local: local as never,
      },
      audit: { sink: createMemoryAuditSink() },
    });

  it("is inferred from both providers, and serves the control plane's policy when it answers", async () => {
    server.handle(healthyControlPlane);
    const g = hybrid("remote-first", server.baseUrl);
    expect(g.mode).toBe("hybrid");
    expect(await g.check({ kind: "api_call", target: "https://evil.example" })).toMatchObject({
      reason: "egress_violation",
      provider: { mode: "hybrid", source: "remote" },
    });
  });

  it("remote-first falls back to the local policy when the control plane is down (local-fallback + reason)", async () => {
    const g = hybrid("remote-first", `http://127.0.0.1:${await freePort()}`);
    const decision = await g.check({ kind: "api_call", target: "https://local.ok/x" });
    expect(decision).toMatchObject({
      outcome: "allow",
      provider: { mode: "hybrid", source: "local-fallback" },
    });
    expect(decision.provider.fallbackReason).toMatch(/control plane/i);
    expect((await g.check({ kind: "api_call", target: "https://elsewhere" })).reason).toBe(
      "policy_default_block",
    );
  });

  it("local-first serves the local policy, and the control plane's when the local file is broken", async () => {
    server.handle(healthyControlPlane);
    expect(
      (await hybrid("local-first", server.baseUrl).check({ kind: "api_call", target: "https://local.ok/a" }))
        .provider.source,
    ).toBe("local");
    const broken = hybrid("local-first", server.baseUrl, { policyPath: "/nonexistent/policy.yaml" });
    const decision = await broken.check({ kind: "api_call", target: "https://evil.example" });
    expect(decision).toMatchObject({ reason: "egress_violation", provider: { source: "remote" } });
    expect(decision.provider.fallbackReason).toMatch(/policy\.yaml/);
  });

  it("when both fail, decisions fail with GUARD_POLICY_UNAVAILABLE naming both", async () => {
    const g = hybrid("remote-first", `http://127.0.0.1:${await freePort()}`, {
      policyPath: "/nonexistent/policy.yaml",
    });
    await expect(g.check({ kind: "api_call", target: "https://local.ok/a" })).rejects.toMatchObject({
      code: "GUARD_POLICY_UNAVAILABLE",
      message: expect.stringMatching(/fallback/),
    });
  });

  it("never puts the API key in a decision or an error", async () => {
    const g = hybrid("remote-first", `http://127.0.0.1:${await freePort()}`, {
      policyPath: "/nonexistent/policy.yaml",
    });
    const error = await g.check({ kind: "api_call", target: "x" }).catch((e: unknown) => e);
    expect(JSON.stringify(error)).not.toContain(KEY);
    expect(String((error as Error).message)).not.toContain(KEY);
  });
});
