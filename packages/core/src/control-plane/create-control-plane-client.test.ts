import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isSec0Error, type Sec0Error } from "../errors.js";
import { type LocalHttpServer, reply, startLocalHttpServer } from "./__fixtures__/local-http-server.js";
import type { ControlPlaneClientOptions } from "./control-plane-client-options.js";
import { controlPlaneFailureOf } from "./control-plane-error.js";
import { createControlPlaneClient } from "./create-control-plane-client.js";

const KEY = "sec0_secret_key_4242";
let server: LocalHttpServer;
beforeAll(async () => {
  server = await startLocalHttpServer();
});
afterAll(async () => {
  await server.close();
});

function client(options: Partial<ControlPlaneClientOptions> = {}, sleeps: number[] = []) {
  return createControlPlaneClient({
    baseUrl: server.baseUrl,
    apiKey: KEY,
    sleep: async (ms) => void sleeps.push(ms),
    ...options,
  });
}

async function failure(promise: Promise<unknown>): Promise<Sec0Error> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isSec0Error(error)) throw new Error(`expected a Sec0Error, got ${String(error)}`);
  expect(`${error.message} ${JSON.stringify(error.toJSON())}`).not.toContain(KEY);
  return error;
}

const verified = { valid: true, approval: { id: "esc_1" } };
const verify = { token: "apt_1", context: { tool_ref: "mcp://fs/write@1.0" } };

describe("createControlPlaneClient", () => {
  it("sends the bearer key, JSON body and client headers, and validates the reply", async () => {
    server.handle((_req, res) => reply(res, 200, verified));
    const out = await client({ headers: { "x-sec0-client": "test" } }).verifyApproval(verify);
    expect(out).toEqual(verified);
    const [sent] = server.requests;
    expect(sent).toMatchObject({ method: "POST", url: "/api/compliance/approvals/verify" });
    expect(sent?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(sent?.headers["content-type"]).toBe("application/json");
    expect(sent?.headers["x-sec0-client"]).toBe("test");
    expect(JSON.parse(sent?.body ?? "")).toEqual(verify);
  });

  it("sends a verbatim authorization, keeps a base path prefix, and sends none without a key", async () => {
    server.handle((_req, res) => reply(res, 200, verified));
    await client({ baseUrl: `${server.baseUrl}/cp/`, authorization: "Token abc" }).verifyApproval(verify);
    expect(server.requests[0]?.url).toBe("/cp/api/compliance/approvals/verify");
    expect(server.requests[0]?.headers.authorization).toBe("Token abc");
    await client({ apiKey: undefined }).verifyApproval(verify);
    expect(server.requests[1]?.headers.authorization).toBeUndefined();
  });

  it("maps a timeout to CORE_CONTROL_PLANE_UNAVAILABLE", async () => {
    server.handle(() => {
      // never answers
    });
    const error = await failure(client({ timeoutMs: 50 }).verifyApproval(verify));
    expect(error.code).toBe("CORE_CONTROL_PLANE_UNAVAILABLE");
    expect(error.details).toEqual({
      url: `${server.baseUrl}/api/compliance/approvals/verify`,
      method: "POST",
      kind: "timeout",
      attempts: 1,
    });
  });

  it("maps a refused connection to CORE_CONTROL_PLANE_UNAVAILABLE (network) after its retries", async () => {
    const gone = await startLocalHttpServer();
    await gone.close();
    const sleeps: number[] = [];
    const error = await failure(client({ baseUrl: gone.baseUrl, retries: 2 }, sleeps).verifyApproval(verify));
    expect(controlPlaneFailureOf(error)).toMatchObject({ kind: "network", attempts: 3 });
    expect(sleeps).toEqual([150, 300]);
  });

  it("retries a 503 with backoff, then uses the answer", async () => {
    let calls = 0;
    server.handle((_req, res) => {
      calls += 1;
      if (calls < 3) reply(res, 503, { error: "busy" });
      else reply(res, 200, verified);
    });
    const sleeps: number[] = [];
    expect(await client({ retries: 2, retryBackoffMs: 10 }, sleeps).verifyApproval(verify)).toEqual(verified);
    expect(server.requests).toHaveLength(3);
    expect(sleeps).toEqual([10, 20]);
  });

  it("retries a 429 but not a 400, which is CORE_CONTROL_PLANE_HTTP_ERROR with its status", async () => {
    server.handle((_req, res) => reply(res, 429, {}));
    const limited = await failure(client({ retries: 1 }).verifyApproval(verify));
    expect(server.requests).toHaveLength(2);
    expect(limited.details).toMatchObject({ kind: "http", status: 429, attempts: 2 });
    server.handle((_req, res) => reply(res, 400, { error: `bad key ${KEY}` }));
    const sleeps: number[] = [];
    const error = await failure(client({ retries: 3 }, sleeps).verifyApproval(verify));
    expect(error.code).toBe("CORE_CONTROL_PLANE_HTTP_ERROR");
    expect(error.details).toMatchObject({ kind: "http", status: 400, attempts: 1 });
    expect(server.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it("reports a non-JSON reply as CORE_CONTROL_PLANE_INVALID_REPLY and does not retry it", async () => {
    server.handle((_req, res) => reply(res, 200, `<html>${KEY}</html>`));
    const error = await failure(client({ retries: 2 }).verifyApproval(verify));
    expect(error.code).toBe("CORE_CONTROL_PLANE_INVALID_REPLY");
    expect(error.details).toMatchObject({ kind: "invalid_json", status: 200 });
    expect(error.cause).toBeUndefined();
    expect(server.requests).toHaveLength(1);
  });

  it("stops reading a hostile reply past maxResponseBytes: CORE_CONTROL_PLANE_INVALID_REPLY (too_large), not retried", async () => {
    // A server that streams 64 MiB of JSON-looking bytes with no content-length, as fast as it can.
    let sent = 0;
    server.handle((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => {
        while (sent < 64 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once("drain", pump);
        }
        res.end();
      };
      res.on("error", () => undefined);
      pump();
    });
    const error = await failure(client({ retries: 2, maxResponseBytes: 1024 * 1024 }).verifyApproval(verify));
    expect(error.code).toBe("CORE_CONTROL_PLANE_INVALID_REPLY");
    expect(error.details).toMatchObject({ kind: "too_large", status: 200, attempts: 1 });
    expect(error.message).toContain("1048576 bytes");
    expect(server.requests).toHaveLength(1);
    expect(sent).toBeLessThan(64 * 1024 * 1024);
  });

  it("refuses a declared content-length over the limit without reading the body", async () => {
    server.handle((_req, res) => reply(res, 200, JSON.stringify(verified).padEnd(4096, " ")));
    const error = await failure(client({ maxResponseBytes: 1024 }).verifyApproval(verify));
    expect(error.details).toMatchObject({ kind: "too_large" });
    expect((await client({ maxResponseBytes: 4096 }).verifyApproval(verify)).valid).toBe(true);
  });

  it("reports a contract violation with the path of the issue, never the value", async () => {
    server.handle((_req, res) => reply(res, 200, { valid: KEY }));
    const error = await failure(client().verifyApproval(verify));
    expect(error.code).toBe("CORE_CONTROL_PLANE_INVALID_REPLY");
    expect(error.details).toMatchObject({ kind: "contract_violation", issue: "valid" });
  });

  it("posts runtime decisions to /v1/runtime/evaluate or the given path", async () => {
    const decision = {
      protocolVersion: "2026-02-01",
      decision: { action: "allow", reasons: [], obligations: [], auditRefs: [] },
    };
    server.handle((_req, res) => reply(res, 200, decision));
    const request = {
      protocolVersion: "2026-02-01",
      requestId: "r1",
      context: { integrationSurface: "sec0", executionLayer: "middleware", server: "fs", tool: "read@1.0" },
      enforcement: { mode: "enforce", strategy: "deny_on_match", denyOn: [], forceDeny: false },
      input: { reasons: [], riskTags: [], attributes: {} },
    } as const;
    const cp = client();
    expect((await cp.evaluateRuntime(request)).decision.action).toBe("allow");
    await cp.evaluateRuntime(request, { path: "/custom/eval" });
    expect(server.requests.map((r) => r.url)).toEqual(["/v1/runtime/evaluate", "/custom/eval"]);
  });

  it("cancels a request through its signal and never retries an abort", async () => {
    server.handle(() => {
      // never answers
    });
    const sleeps: number[] = [];
    const controller = new AbortController();
    const pending = client({ retries: 3, timeoutMs: 5000 }, sleeps).request({
      method: "GET",
      path: "/api/escalations/esc_1",
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
    expect(server.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
    const reason = new Error("stop");
    await expect(
      client().request({ method: "GET", path: "/x", signal: AbortSignal.abort(reason) }),
    ).rejects.toBe(reason);
    expect(server.requests).toHaveLength(1);
    server.handle((_req, res) => reply(res, 200, verified));
    const answered = await client({ timeoutMs: 50 }).request({
      method: "GET",
      path: "/x",
      signal: new AbortController().signal,
    });
    expect(answered.status).toBe(200);
  });

  it("rejects a base URL that is not http(s) and a bad timeout", () => {
    expect(() => createControlPlaneClient({ baseUrl: "ftp://x" })).toThrow(
      expect.objectContaining({ code: "CORE_CONTROL_PLANE_CONFIG_INVALID" }),
    );
    expect(() => createControlPlaneClient({ baseUrl: "https://x", timeoutMs: 0 })).toThrow(/timeoutMs/);
  });
});
