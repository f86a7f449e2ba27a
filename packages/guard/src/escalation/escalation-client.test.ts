import { isSec0Error, type Sec0Error } from "@sec0/core";
import { replyJson, startTestServer, type TestServer } from "@sec0/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GuardEscalationAbortError, GuardEscalationError } from "../app-guard/guard-errors.js";
import { createControlPlaneEscalationReporter } from "./control-plane-escalations.js";
import { createEscalationClient, type EscalationClientOptions } from "./escalation-client.js";
import { longPollParam } from "./wait-for-escalation.js";

const KEY = "sec0_secret_escalation_key_77";
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

/** A fake clock that only moves when the client sleeps, and the pauses it was asked for. */
function fakeTime(start = Date.parse("2026-02-01T12:00:00.000Z")) {
  let now = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}

function client(options: Partial<EscalationClientOptions> = {}) {
  return createEscalationClient({ baseUrl: server.baseUrl, apiKey: KEY, ...options });
}

const pending = { escalation: { id: "esc_1", status: "pending", expires_at: "2026-02-01T13:00:00.000Z" } };
const approved = {
  escalation: {
    id: "esc_1",
    status: "approved",
    resolved_at: "2026-02-01T12:00:05.000Z",
    finalization_reason: "approved by bob",
    approval_token: "apt_one_use",
    approval_token_expires_at: "2026-02-01T12:10:00.000Z",
  },
};

function queryOf(url: string): URLSearchParams {
  return new URL(url, "http://x").searchParams;
}

async function rejection(promise: Promise<unknown>): Promise<Sec0Error> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isSec0Error(error)) throw new Error(`expected a Sec0Error, got ${String(error)}`);
  expect(`${error.message} ${JSON.stringify(error.toJSON())}`).not.toContain(KEY);
  return error;
}

describe("createEscalationClient: create, get, resolve", () => {
  it("creates with the tenant query, reads with wait and maps the approval token, resolves with PUT", async () => {
    server.handle((request, response) => {
      if (request.method === "POST") replyJson(response, 201, pending);
      else replyJson(response, 200, approved);
    });
    const escalations = client({ tenant: "acme" });
    const created = await escalations.create({
      content: "Policy denied mcp://fs/delete@1.0",
      violation: "fs",
    });
    expect(created).toEqual({ id: "esc_1", status: "pending", expiresAt: "2026-02-01T13:00:00.000Z" });
    const state = await escalations.get("esc 1", { tenant: "other", waitMs: 1500 });
    expect(state).toMatchObject({
      id: "esc_1",
      status: "approved",
      finalizationReason: "approved by bob",
      approvalToken: "apt_one_use",
      approvalTokenExpiresAt: "2026-02-01T12:10:00.000Z",
    });
    await escalations.resolve({ id: "esc_1", action: "reject", notes: "freeze", actorId: "discord:42" });
    const [post, get, put] = server.requests;
    expect(post?.url).toBe("/api/escalations?tenant=acme");
    expect(JSON.parse(post?.body ?? "")).toEqual({
      content: "Policy denied mcp://fs/delete@1.0",
      violation: "fs",
    });
    expect(post?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(get?.method).toBe("GET");
    expect(get?.url).toBe("/api/escalations/esc%201?tenant=other&wait=1s");
    expect(put?.method).toBe("PUT");
    expect(put?.url).toBe("/api/escalations/esc_1?tenant=acme");
    expect(JSON.parse(put?.body ?? "")).toEqual({
      action: "reject",
      notes: "freeze",
      actor_id: "discord:42",
    });
  });

  it("formats the wait as seconds or milliseconds, capped", () => {
    expect(longPollParam(42_500)).toEqual({ param: "30s", ms: 30_000 });
    expect(longPollParam(1999)).toEqual({ param: "1s", ms: 1000 });
    expect(longPollParam(500)).toEqual({ param: "500ms", ms: 500 });
    expect(longPollParam(0)).toEqual({ param: undefined, ms: 0 });
  });

  it("gives a long-polled read the wait on top of the timeout", async () => {
    server.handle((_request, response) => {
      setTimeout(() => replyJson(response, 200, approved), 250);
    });
    const state = await client({ timeoutMs: 100 }).get("esc_1", { waitMs: 1000 });
    expect(state.status).toBe("approved");
    await expect(client({ timeoutMs: 100 }).get("esc_1")).rejects.toMatchObject({
      code: "CORE_CONTROL_PLANE_UNAVAILABLE",
    });
  });

  it("refuses an empty id, a bad wait and a bad verdict before any request", async () => {
    server.handle((_request, response) => replyJson(response, 200, approved));
    const escalations = client();
    await expect(escalations.get("")).rejects.toMatchObject({ code: "GUARD_CONFIG_INVALID" });
    await expect(escalations.get("esc_1", { waitMs: 61_000 })).rejects.toMatchObject({
      details: { field: "waitMs" },
    });
    await expect(escalations.resolve({ id: "esc_1", action: "maybe" as "approve" })).rejects.toMatchObject({
      code: "GUARD_CONFIG_INVALID",
      details: { field: "action" },
    });
    await expect(escalations.waitForResolution("esc_1", { maxRetries: -1 })).rejects.toMatchObject({
      details: { field: "maxRetries" },
    });
    expect(server.requests).toHaveLength(0);
  });

  it("is what createControlPlaneEscalationReporter returns", async () => {
    server.handle((_request, response) => replyJson(response, 200, approved));
    const reporter = createControlPlaneEscalationReporter({ baseUrl: server.baseUrl, apiKey: KEY });
    expect((await reporter.get("esc_1")).approvalToken).toBe("apt_one_use");
    expect((await reporter.waitForResolution("esc_1")).status).toBe("approved");
  });
});

describe("createEscalationClient: waitForResolution", () => {
  it("long-polls a server that holds the read until the verdict", async () => {
    server.handle((_request, response) => {
      setTimeout(() => replyJson(response, 200, approved), 150);
    });
    const resolution = await client({ timeoutMs: 100 }).waitForResolution("esc_1", { timeoutMs: 1500 });
    expect(resolution.status).toBe("approved");
    expect(resolution.details?.approvalToken).toBe("apt_one_use");
    expect(resolution.metadata).toMatchObject({
      attempts: 1,
      retryCount: 0,
      lastKnownStatus: "approved",
      finalizationReason: "approved by bob",
    });
    expect(queryOf(server.requests[0]?.url ?? "").get("wait")).toBe("1s");
  });

  it("polls a server that answers at once (0.2.3) with pauses growing ×1.5 up to 15 s", async () => {
    let reads = 0;
    server.handle((_request, response) => {
      reads += 1;
      replyJson(response, 200, reads <= 8 ? pending : approved);
    });
    const time = fakeTime();
    const resolution = await client({ ...time, tenant: "acme" }).waitForResolution("esc_1");
    expect(resolution.status).toBe("approved");
    expect(time.sleeps).toEqual([2000, 3000, 4500, 6750, 10125, 15000, 15000, 15000]);
    expect(resolution.metadata).toMatchObject({ attempts: 9, retryCount: 0, elapsedMs: 71375 });
    expect(resolution.metadata.startedAt).toBe("2026-02-01T12:00:00.000Z");
    expect(queryOf(server.requests[0]?.url ?? "").get("wait")).toBe("30s");
    expect(queryOf(server.requests[0]?.url ?? "").get("tenant")).toBe("acme");
  });

  it("times out (status timeout, not an error) without pausing past the deadline", async () => {
    server.handle((_request, response) => replyJson(response, 200, pending));
    const time = fakeTime();
    const resolution = await client({ ...time, longPoll: false }).waitForResolution("esc_1", {
      timeoutMs: 10_000,
    });
    expect(resolution.status).toBe("timeout");
    expect(time.sleeps).toEqual([2000, 3000, 4500, 500]);
    expect(resolution.metadata).toMatchObject({ attempts: 5, lastKnownStatus: "pending", elapsedMs: 10_000 });
    expect(resolution.details?.status).toBe("pending");
    expect(server.requests.every((request) => !queryOf(request.url).has("wait"))).toBe(true);
  });

  it("retries a control plane that is down, with backoff, then throws GuardEscalationError", async () => {
    const gone = await startTestServer();
    await gone.close();
    const time = fakeTime();
    const error = await rejection(
      createEscalationClient({ baseUrl: gone.baseUrl, apiKey: KEY, ...time }).waitForResolution("esc_1"),
    );
    expect(error).toBeInstanceOf(GuardEscalationError);
    expect(error.code).toBe("GUARD_ESCALATION_FAILED");
    expect(error.details).toEqual({
      escalationId: "esc_1",
      attempts: 4,
      code: "CORE_CONTROL_PLANE_UNAVAILABLE",
    });
    expect(time.sleeps).toEqual([250, 500, 750]);
  });

  it("retries a slow control plane (answers after the timeout) and gives up", async () => {
    server.handle((_request, response) => {
      setTimeout(() => replyJson(response, 200, approved), 300);
    });
    const error = await rejection(
      client({ timeoutMs: 50, longPoll: false }).waitForResolution("esc_1", {
        maxRetries: 1,
        retryBackoffMs: 1,
      }),
    );
    expect(error.details).toMatchObject({ attempts: 2, code: "CORE_CONTROL_PLANE_UNAVAILABLE" });
  });

  it("retries garbage (not JSON, wrong shape, 500) and uses the next good answer", async () => {
    const answers = [
      (response: Parameters<Parameters<TestServer["handle"]>[0]>[1]) =>
        response.writeHead(200, { "content-type": "application/json" }).end(`<html>${KEY}</html>`),
      (response: Parameters<Parameters<TestServer["handle"]>[0]>[1]) =>
        replyJson(response, 200, { escalation: { id: "esc_1", status: "maybe" } }),
      (response: Parameters<Parameters<TestServer["handle"]>[0]>[1]) =>
        replyJson(response, 500, { error: KEY }),
    ];
    let reads = 0;
    server.handle((_request, response) => {
      const answer = answers[reads];
      reads += 1;
      if (answer === undefined) replyJson(response, 200, approved);
      else answer(response);
    });
    const time = fakeTime();
    const resolution = await client(time).waitForResolution("esc_1");
    expect(resolution.status).toBe("approved");
    expect(resolution.metadata).toMatchObject({ attempts: 4, retryCount: 3 });
    expect(time.sleeps).toEqual([250, 500, 750]);

    server.handle((_request, response) => replyJson(response, 502, { error: "bad gateway" }));
    const error = await rejection(client(fakeTime()).waitForResolution("esc_1"));
    expect(error.details).toEqual({
      escalationId: "esc_1",
      attempts: 4,
      code: "CORE_CONTROL_PLANE_HTTP_ERROR",
      status: 502,
    });
    expect(server.requests).toHaveLength(4);
  });

  it("refuses at once when the signal is already aborted", async () => {
    server.handle((_request, response) => replyJson(response, 200, approved));
    const error = await rejection(client().waitForResolution("esc_1", { signal: AbortSignal.abort() }));
    expect(error).toBeInstanceOf(GuardEscalationAbortError);
    expect(error.details).toEqual({ escalationId: "esc_1", attempts: 0 });
    expect(server.requests).toHaveLength(0);
  });

  it("aborts promptly mid-request and mid-pause", async () => {
    server.handle(() => {
      // holds the long-poll and never answers
    });
    const controller = new AbortController();
    const started = Date.now();
    const waiting = client().waitForResolution("esc_1", { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expect((await rejection(waiting)).code).toBe("GUARD_ESCALATION_ABORTED");
    expect(Date.now() - started).toBeLessThan(1000);

    server.handle((_request, response) => replyJson(response, 200, pending));
    const paused = new AbortController();
    const pausing = client({ longPoll: false }).waitForResolution("esc_1", {
      signal: paused.signal,
      pollIntervalMs: 10_000,
    });
    setTimeout(() => paused.abort(), 100);
    const error = await rejection(pausing);
    expect(error).toBeInstanceOf(GuardEscalationAbortError);
    expect(error.details).toEqual({ escalationId: "esc_1", attempts: 1 });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it("lets concurrent waits without a signal share one stream of requests", async () => {
    server.handle((_request, response) => {
      setTimeout(() => replyJson(response, 200, approved), 100);
    });
    const escalations = client();
    const first = escalations.waitForResolution("esc_1", { timeoutMs: 5000 });
    const second = escalations.waitForResolution("esc_1", { timeoutMs: 5000 });
    expect(second).toBe(first);
    const withSignal = escalations.waitForResolution("esc_1", {
      timeoutMs: 5000,
      signal: new AbortController().signal,
    });
    expect(withSignal).not.toBe(first);
    expect((await first).status).toBe("approved");
    await withSignal;
    expect(server.requests).toHaveLength(2);
    const third = escalations.waitForResolution("esc_1", { timeoutMs: 5000 });
    expect(third).not.toBe(first);
    await third;
  });
});
