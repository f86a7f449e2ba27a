import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createControlPlanePolicySource } from "./control-plane-source.js";

interface Reply {
  status: number;
  body?: string;
  etag?: string;
  delayMs?: number;
}

let server: Server;
let baseUrl: string;
let requests: IncomingMessage[];
let reply: (req: IncomingMessage, url: URL) => Reply;

beforeEach(async () => {
  requests = [];
  server = createServer((req, res) => {
    requests.push(req);
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const answer = reply(req, url);
    const send = () => {
      if (answer.etag !== undefined && req.headers["if-none-match"] === answer.etag) {
        res.writeHead(304, { etag: answer.etag }).end();
        return;
      }
      res.writeHead(answer.status, {
        "content-type": "application/yaml",
        ...(answer.etag ? { etag: answer.etag } : {}),
      });
      res.end(answer.body ?? "");
    };
    if (answer.delayMs) setTimeout(send, answer.delayMs).unref();
    else send();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const BASE = 'tenant: acme\ntools:\n  allowlist: ["*"]\nenforcement:\n  deny_on: [tool_not_in_allowlist]\n';
const AGENT = 'tools:\n  allowlist: ["mcp://db/query@1.0"]\n';

function clock(start = 1000) {
  const state = { now: start };
  return { state, clock: { now: () => state.now } };
}

describe("createControlPlanePolicySource", () => {
  it("fetches YAML with the API key, level and nodeId, and merges the agent scope", async () => {
    reply = (_req, url) => ({
      status: 200,
      body: url.searchParams.has("nodeId") ? AGENT : BASE,
      etag: url.searchParams.has("nodeId") ? '"a1"' : '"b1"',
    });
    const source = createControlPlanePolicySource({
      baseUrl,
      tenant: "acme",
      apiKey: "k_test",
      level: "gateway",
    });
    const snapshot = await source.get({ nodeId: "planner" });
    expect(requests.map((req) => req.url)).toEqual([
      "/api/policy/acme?level=gateway",
      "/api/policy/acme?level=gateway&nodeId=planner",
    ]);
    expect(requests[0]?.headers.authorization).toBe("Bearer k_test");
    expect(snapshot.policy.tools?.allowlist).toEqual(["mcp://db/query@1.0"]);
    expect(snapshot.policy.enforcement?.deny_on).toEqual(["tool_not_in_allowlist"]);
    expect(snapshot.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(snapshot.etag).toBe('"b1", "a1"');
    expect(snapshot.source).toContain("nodeId=planner");
    const base = await source.get();
    expect(base.policy.tools?.allowlist).toEqual(["*"]);
    expect(base.hash).not.toBe(snapshot.hash);
  });

  it("revalidates with If-None-Match and keeps the snapshot on 304", async () => {
    reply = () => ({ status: 200, body: BASE, etag: '"v1"' });
    const time = clock();
    const source = createControlPlanePolicySource({
      baseUrl,
      tenant: "acme",
      clock: time.clock,
      refreshIntervalMs: 1000,
    });
    const first = await source.get();
    time.state.now += 500;
    expect(await source.get()).toBe(first);
    expect(requests).toHaveLength(1);
    time.state.now += 600;
    const again = await source.refresh();
    expect(requests[1]?.headers["if-none-match"]).toBe('"v1"');
    expect(again.hash).toBe(first.hash);
    expect(again.compiled).toBe(first.compiled);
    expect(again.fetchedAt).toBe(2100);
  });

  it("serves the last good policy when the control plane fails (500)", async () => {
    let status = 200;
    reply = () => ({ status, body: BASE });
    const errors: unknown[] = [];
    const source = createControlPlanePolicySource({
      baseUrl,
      tenant: "acme",
      onError: (e) => errors.push(e),
    });
    const good = await source.get();
    status = 500;
    expect(await source.refresh()).toBe(good);
    expect(errors).toEqual([expect.objectContaining({ code: "POLICY_FETCH_FAILED" })]);
  });

  it("keeps the last good policy when the new one is invalid", async () => {
    let body = BASE;
    reply = () => ({ status: 200, body });
    const errors: unknown[] = [];
    const source = createControlPlanePolicySource({
      baseUrl,
      tenant: "acme",
      onError: (e) => errors.push(e),
    });
    const good = await source.get();
    body = "tenant: acme\nenforcment: {}\n";
    expect(await source.refresh()).toBe(good);
    expect(errors).toEqual([expect.objectContaining({ code: "POLICY_INVALID" })]);
  });

  it("times out with AbortSignal.timeout", async () => {
    reply = () => ({ status: 200, body: BASE, delayMs: 2000 });
    const source = createControlPlanePolicySource({ baseUrl, tenant: "acme", timeoutMs: 50 });
    await expect(source.get()).rejects.toMatchObject({
      code: "POLICY_UNAVAILABLE",
      message: expect.stringContaining("no answer within 50 ms"),
    });
  });

  it("fails closed when no policy was ever obtained (default)", async () => {
    reply = () => ({ status: 500 });
    const source = createControlPlanePolicySource({ baseUrl, tenant: "acme" });
    await expect(source.get()).rejects.toMatchObject({ code: "POLICY_UNAVAILABLE" });
  });

  it("serves the built-in observe policy when configured, and recovers later", async () => {
    let status = 503;
    reply = () => ({ status, body: BASE });
    const source = createControlPlanePolicySource({ baseUrl, tenant: "acme", onUnavailable: "observe" });
    const fallback = await source.get();
    expect(fallback.source).toBe("builtin:observe");
    expect(fallback.compiled.mode).toBe("observe");
    status = 200;
    expect((await source.get()).source).toContain("control-plane:");
  });

  it("treats an empty body as no policy and an empty agent policy as the base", async () => {
    reply = (_req, url) => ({ status: 200, body: url.searchParams.has("nodeId") ? "" : BASE });
    const source = createControlPlanePolicySource({ baseUrl, tenant: "acme", scope: "agent", nodeId: "n1" });
    expect((await source.get()).policy.tools?.allowlist).toEqual(["*"]);
    reply = () => ({ status: 200, body: "   \n" });
    const empty = createControlPlanePolicySource({ baseUrl, tenant: "acme" });
    await expect(empty.get()).rejects.toMatchObject({ code: "POLICY_UNAVAILABLE" });
  });

  it("requires a nodeId for scope agent and ignores it for scope base", async () => {
    reply = () => ({ status: 200, body: BASE });
    const agent = createControlPlanePolicySource({ baseUrl, tenant: "acme", scope: "agent" });
    await expect(agent.get()).rejects.toMatchObject({ code: "POLICY_SOURCE_CONFIG_INVALID" });
    const base = createControlPlanePolicySource({ baseUrl, tenant: "acme", scope: "base" });
    await base.get({ nodeId: "x" });
    expect(requests.map((req) => req.url)).toEqual(["/api/policy/acme?level=middleware"]);
  });

  it("de-duplicates concurrent fetches", async () => {
    reply = () => ({ status: 200, body: BASE, delayMs: 30 });
    const source = createControlPlanePolicySource({ baseUrl, tenant: "acme" });
    const [a, b] = await Promise.all([source.get(), source.get()]);
    expect(a).toBe(b);
    expect(requests).toHaveLength(1);
  });
});
