import { evaluateLocally, isSec0Error } from "@sec0/core";
import type { RuntimeDecisionRequest } from "@sec0/core/contracts";
import { replyJson, startTestServer, type TestServer } from "@sec0/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRuntimeClient } from "./runtime-client.js";
import { type RuntimeConfigInput, resolveRuntimeConfig } from "./runtime-config.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

function request(overrides: Partial<RuntimeDecisionRequest["enforcement"]> = {}, reasons = ["fs_violation"]) {
  return {
    protocolVersion: "2026-02-01",
    requestId: "mcp://files/write@1.0:1",
    context: { integrationSurface: "sec0", executionLayer: "middleware", server: "files", tool: "write@1.0" },
    enforcement: {
      mode: "enforce",
      strategy: "deny_on_match",
      denyOn: ["fs_violation"],
      forceDeny: false,
      ...overrides,
    },
    input: { reasons, riskTags: [], attributes: {} },
  } satisfies RuntimeDecisionRequest as RuntimeDecisionRequest;
}

function decisionBody(action: string, reason?: string) {
  return {
    protocolVersion: "2026-02-01",
    decision: {
      action,
      ...(reason === undefined ? {} : { reason }),
      reasons: reason === undefined ? [] : [reason],
      obligations: [{ type: "log" }],
      auditRefs: [{ ref: "audit:1" }],
    },
  };
}

function remoteClient(input: RuntimeConfigInput = {}, sleeps: number[] = []) {
  const config = resolveRuntimeConfig({
    mode: "remote",
    ...input,
    remote: {
      endpoint: `${server.baseUrl}/v1/runtime/evaluate`,
      apiKey: "sec0_testkey1",
      retryBackoffMs: 150,
      ...input.remote,
    },
  });
  return createRuntimeClient(config, {
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
}

describe("evaluateLocally", () => {
  it("applies deny_on, deny_on_any, forceDeny, escalate_on and observe mode", () => {
    expect(evaluateLocally(request())).toMatchObject({
      decision: "deny",
      reason: "fs_violation",
      evaluationSource: "local",
    });
    expect(evaluateLocally(request({ denyOn: [] })).decision).toBe("allow");
    expect(evaluateLocally(request({ denyOn: [], strategy: "deny_on_any" })).decision).toBe("deny");
    expect(evaluateLocally(request({ denyOn: [], forceDeny: true })).decision).toBe("deny");
    expect(evaluateLocally(request({ denyOn: [], forceDeny: true }, [])).decision).toBe("allow");
    expect(evaluateLocally(request({ mode: "observe" })).decision).toBe("allow");
    expect(evaluateLocally(request({ escalateOn: ["fs_violation"] })).decision).toBe("deny");
    expect(
      evaluateLocally(request({ escalateOn: ["fs_violation"] }), { escalationAvailable: true }).decision,
    ).toBe("escalate");
  });

  it("denies on input.faults whatever denyOn lists (fail closed), and reports them", () => {
    const faulty = request({ denyOn: [] }, []);
    const withFault = { ...faulty, input: { ...faulty.input, faults: ["evaluation_error"] } };
    expect(evaluateLocally(withFault)).toMatchObject({
      decision: "deny",
      reason: "evaluation_error",
      reasons: ["evaluation_error"],
    });
    const observed = { ...withFault, enforcement: { ...withFault.enforcement, mode: "observe" as const } };
    expect(evaluateLocally(observed).decision).toBe("allow");
  });
});

describe("createRuntimeClient (remote)", () => {
  it("posts the request with the bearer key and returns the remote allow", async () => {
    server.handle((_req, res) => replyJson(res, 200, decisionBody("allow")));
    const out = await remoteClient().evaluate(request());
    expect(out).toEqual({
      protocolVersion: "2026-02-01",
      adapterMode: "remote",
      evaluationSource: "remote",
      decision: "allow",
      reasons: [],
      obligations: [{ type: "log" }],
      auditRefs: [{ ref: "audit:1" }],
    });
    const [sent] = server.requests;
    expect(sent?.method).toBe("POST");
    expect(sent?.url).toBe("/v1/runtime/evaluate");
    expect(sent?.headers.authorization).toBe("Bearer sec0_testkey1");
    expect(JSON.parse(sent?.body ?? "")).toEqual(request());
  });

  it("returns the remote deny", async () => {
    server.handle((_req, res) => replyJson(res, 200, decisionBody("deny", "fs_violation")));
    const out = await remoteClient().evaluate(request({ denyOn: [] }));
    expect(out).toMatchObject({ decision: "deny", reason: "fs_violation", evaluationSource: "remote" });
  });

  it("retries a 500 after the backoff and uses the second answer", async () => {
    let calls = 0;
    server.handle((_req, res) => {
      calls += 1;
      if (calls === 1) replyJson(res, 500, { error: { code: "INTERNAL", message: "x", retryable: true } });
      else replyJson(res, 200, decisionBody("allow"));
    });
    const sleeps: number[] = [];
    const out = await remoteClient({}, sleeps).evaluate(request());
    expect(out.evaluationSource).toBe("remote");
    expect(calls).toBe(2);
    expect(sleeps).toEqual([150]);
  });

  it("retries 429 with linear backoff up to maxRetries, then falls back", async () => {
    server.handle((_req, res) => replyJson(res, 429, {}));
    const sleeps: number[] = [];
    const out = await remoteClient({ failureMode: "deny", remote: { maxRetries: 3 } }, sleeps).evaluate(
      request(),
    );
    expect(server.requests).toHaveLength(4);
    expect(sleeps).toEqual([150, 300, 450]);
    expect(out).toMatchObject({
      decision: "deny",
      evaluationSource: "fallback-deny",
      failure: { kind: "http", status: 429, attempts: 4 },
    });
  });

  it("does not retry a 400", async () => {
    server.handle((_req, res) =>
      replyJson(res, 400, { error: { code: "BAD_REQUEST", message: "no", retryable: false } }),
    );
    const sleeps: number[] = [];
    const out = await remoteClient({ remote: { maxRetries: 3 } }, sleeps).evaluate(request());
    expect(server.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
    expect(out).toMatchObject({
      evaluationSource: "fallback-local",
      decision: "deny",
      failure: { kind: "http", status: 400, attempts: 1 },
    });
  });

  it("does not retry a reply that breaks the protocol", async () => {
    server.handle((_req, res) =>
      replyJson(res, 200, { protocolVersion: "2026-02-01", decision: { action: "maybe" } }),
    );
    const out = await remoteClient({ failureMode: "allow" }).evaluate(request());
    expect(server.requests).toHaveLength(1);
    expect(out).toMatchObject({ evaluationSource: "fallback-allow", failure: { kind: "invalid_response" } });
  });

  describe("after timeouts", () => {
    const hang = () =>
      server.handle(() => {
        // never answers
      });

    it("failureMode local returns the local decision", async () => {
      hang();
      const out = await remoteClient({ failureMode: "local", remote: { timeoutMs: 50 } }).evaluate(request());
      expect(server.requests).toHaveLength(2); // one retry
      expect(out).toMatchObject({
        adapterMode: "remote",
        evaluationSource: "fallback-local",
        decision: "deny",
        reason: "fs_violation",
        failure: { kind: "timeout", attempts: 2 },
      });
      const faulty = request({ denyOn: [] }, []);
      const withFault = { ...faulty, input: { ...faulty.input, faults: ["agent_state_invalid"] } };
      const fallback = await remoteClient({
        failureMode: "local",
        remote: { timeoutMs: 50, maxRetries: 0 },
      }).evaluate(withFault);
      expect(fallback).toMatchObject({
        evaluationSource: "fallback-local",
        decision: "deny",
        reason: "agent_state_invalid",
      });
      const observe = await remoteClient({
        failureMode: "local",
        remote: { timeoutMs: 50, maxRetries: 0 },
      }).evaluate(request({ mode: "observe" }));
      expect(observe).toMatchObject({ evaluationSource: "fallback-local", decision: "allow" });
    });

    it("failureMode allow allows with reason runtime_unavailable", async () => {
      hang();
      const out = await remoteClient({
        failureMode: "allow",
        remote: { timeoutMs: 50, maxRetries: 0 },
      }).evaluate(request());
      expect(out).toMatchObject({
        evaluationSource: "fallback-allow",
        decision: "allow",
        reason: "runtime_unavailable",
        reasons: ["fs_violation", "runtime_unavailable"],
      });
    });

    it("failureMode deny denies even without violations", async () => {
      hang();
      const out = await remoteClient({
        failureMode: "deny",
        remote: { timeoutMs: 50, maxRetries: 0 },
      }).evaluate(request({}, []));
      expect(out).toMatchObject({
        evaluationSource: "fallback-deny",
        decision: "deny",
        reason: "runtime_unavailable",
      });
    });
  });

  it("treats an unreachable service as a retryable network failure", async () => {
    const gone = await startTestServer();
    const endpoint = `${gone.baseUrl}/v1/runtime/evaluate`;
    await gone.close();
    const client = createRuntimeClient(
      resolveRuntimeConfig({ mode: "remote", failureMode: "deny", remote: { endpoint, retryBackoffMs: 0 } }),
    );
    expect(await client.evaluate(request())).toMatchObject({
      evaluationSource: "fallback-deny",
      failure: { kind: "network", attempts: 2 },
    });
  });

  it("refuses a request that breaks the protocol before sending it", async () => {
    server.handle((_req, res) => replyJson(res, 200, decisionBody("allow")));
    const bad = { ...request(), protocolVersion: "2025-01-01" } as unknown as RuntimeDecisionRequest;
    await expect(remoteClient().evaluate(bad)).rejects.toSatisfy((error) =>
      isSec0Error(error, "GUARD_RUNTIME_REQUEST_INVALID"),
    );
    expect(server.requests).toHaveLength(0);
  });

  it("decides locally in local mode without any request", async () => {
    server.handle((_req, res) => replyJson(res, 200, decisionBody("allow")));
    const client = createRuntimeClient(resolveRuntimeConfig());
    expect(client.mode).toBe("local");
    expect(await client.evaluate(request())).toMatchObject({ evaluationSource: "local", decision: "deny" });
    expect(server.requests).toHaveLength(0);
  });
});
