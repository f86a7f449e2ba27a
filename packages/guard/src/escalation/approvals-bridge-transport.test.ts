import { isSec0Error, type Logger, type Sec0Error } from "@sec0/core";
import {
  ApprovalsBridgeEventSchema,
  BRIDGE_NONCE_HEADER,
  BRIDGE_SIGNATURE_HEADER,
  BRIDGE_TIMESTAMP_HEADER,
  verifyBridgeSignature,
} from "@sec0/core/contracts";
import { startTestServer, type TestServer } from "@sec0/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createApprovalsBridgeTransport,
  createNoopApprovalTransport,
  parseApprovalAction,
} from "./approvals-bridge-transport.js";
import type { EscalationResolution } from "./wait-for-escalation.js";

const TOKEN = "bridge_bearer_token_SECRET_1234";
const SECRET = "bridge_shared_secret_SECRET_5678";
const NOW = Date.parse("2026-02-01T12:00:00.000Z");
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const created = { id: "esc_1", status: "pending" as const, expiresAt: "2026-02-01T13:00:00.000Z" };
const input = {
  content: "Policy denied mcp://fs/delete@1.0 due to fs_violation.",
  violation: "fs_violation",
};

function resolution(status: EscalationResolution["status"]): EscalationResolution {
  return {
    escalationId: "esc_1",
    status,
    details: {
      id: "esc_1",
      status: status === "timeout" ? "pending" : status,
      metadata: { violation: "fs_violation" },
      ...(status === "approved" ? { resolvedAt: "2026-02-01T12:00:05.000Z" } : {}),
    },
    metadata: {
      attempts: 2,
      retryCount: 0,
      startedAt: "2026-02-01T12:00:00.000Z",
      resolvedAt: "2026-02-01T12:00:05.000Z",
      elapsedMs: 5000,
      ...(status === "approved" ? { finalizationReason: "approved by bob" } : {}),
    },
  };
}

function transport(options: { bridgeUrl?: string; timeoutMs?: number; token?: string } = {}) {
  return createApprovalsBridgeTransport({
    bridgeUrl: options.bridgeUrl ?? `${server.baseUrl}//`,
    tenantId: "acme",
    bearerToken: options.token ?? TOKEN,
    sharedSecret: SECRET,
    now: () => NOW,
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  });
}

async function failure(promise: Promise<unknown>): Promise<Sec0Error> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isSec0Error(error)) throw new Error(`expected a Sec0Error, got ${String(error)}`);
  const shown = `${error.message} ${JSON.stringify(error.toJSON())} ${String(error.stack)}`;
  expect(shown).not.toContain(TOKEN);
  expect(shown).not.toContain(SECRET);
  expect(error.code).toBe("GUARD_APPROVALS_BRIDGE_POST_FAILED");
  return error;
}

describe("createApprovalsBridgeTransport", () => {
  it("posts a signed escalation.created event that the bridge's contract accepts", async () => {
    server.handle((_request, response) => response.writeHead(202).end("accepted"));
    await transport().sendPending({ tenant: "acme", created, input });
    const [sent] = server.requests;
    expect(sent?.method).toBe("POST");
    expect(sent?.url).toBe("/webhooks/escalations");
    expect(sent?.headers["content-type"]).toBe("application/json");
    expect(sent?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    const nonce = String(sent?.headers[BRIDGE_NONCE_HEADER]);
    expect(nonce).toMatch(/^[0-9a-f]{32}$/);
    expect(sent?.headers[BRIDGE_TIMESTAMP_HEADER]).toBe(String(NOW / 1000));
    expect(
      verifyBridgeSignature({
        secret: SECRET,
        timestamp: String(sent?.headers[BRIDGE_TIMESTAMP_HEADER]),
        nonce,
        signature: String(sent?.headers[BRIDGE_SIGNATURE_HEADER]),
        body: sent?.body ?? "",
        nowMs: NOW,
      }),
    ).toEqual({ ok: true });
    const body = ApprovalsBridgeEventSchema.parse(JSON.parse(sent?.body ?? ""));
    expect(body.event_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(body).toMatchObject({ event_type: "escalation.created", emitted_at: "2026-02-01T12:00:00.000Z" });
    expect(body.tenant_id).toBe("acme");
    expect(body.escalation).toEqual({
      id: "esc_1",
      status: "pending",
      violation: "fs_violation",
      severity: "medium",
      content: input.content,
      rule_id: null,
      message: null,
      node_id: null,
      agent_ref: null,
      metadata: null,
      expires_at: "2026-02-01T13:00:00.000Z",
      requester_status_message: null,
    });
  });

  it("posts escalation.finalized for a verdict, and a wait timeout as expired (never approved)", async () => {
    server.handle((_request, response) => response.writeHead(200).end());
    const bridge = transport();
    await bridge.sendResolved({ tenant: "acme", created, resolution: resolution("approved") });
    await bridge.sendResolved({ tenant: "acme", created, resolution: resolution("timeout") });
    const [approved, timedOut] = server.requests.map((r) =>
      ApprovalsBridgeEventSchema.parse(JSON.parse(r.body)),
    );
    expect(approved?.event_type).toBe("escalation.finalized");
    expect(approved?.escalation).toEqual({
      id: "esc_1",
      status: "approved",
      finalization_reason: "approved by bob",
      requester_status_message: null,
      violation: "fs_violation",
      metadata: { violation: "fs_violation" },
      expires_at: "2026-02-01T13:00:00.000Z",
      resolved_at: "2026-02-01T12:00:05.000Z",
    });
    expect(timedOut?.escalation).toMatchObject({ status: "expired", finalization_reason: "timeout" });
    expect(approved?.event_id).not.toBe(timedOut?.event_id);
  });

  it("sends no authorization or signature headers without a token or secret", async () => {
    server.handle((_request, response) => response.writeHead(204).end());
    await createApprovalsBridgeTransport({ bridgeUrl: server.baseUrl, tenantId: "acme" }).sendPending({
      tenant: undefined,
      created,
      input,
    });
    const headers = server.requests[0]?.headers ?? {};
    expect(headers.authorization).toBeUndefined();
    expect(headers[BRIDGE_SIGNATURE_HEADER]).toBeUndefined();
    await transport({ token: `Bearer ${TOKEN}` }).sendPending({ tenant: "acme", created, input });
    expect(server.requests[1]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it("fails on a hostile 500 whose long body echoes the headers, without repeating a secret", async () => {
    server.handle((request, response) => {
      const echo = `${JSON.stringify(request.headers)} ${TOKEN} ${SECRET} `.repeat(20);
      response.writeHead(500, { "content-type": "text/plain" }).end(echo);
    });
    const error = await failure(transport().sendPending({ tenant: "acme", created, input }));
    expect(error.message.startsWith("approvals_bridge_post_failed:500:")).toBe(true);
    expect(error.message.length).toBeLessThanOrEqual("approvals_bridge_post_failed:500:".length + 200);
    expect(error.details).toEqual({ status: 500 });
  });

  it("does not follow a redirect: it fails", async () => {
    server.handle((request, response) => {
      if (request.url === "/webhooks/escalations")
        response.writeHead(307, { location: `${server.baseUrl}/elsewhere` }).end();
      else response.writeHead(200).end();
    });
    const error = await failure(transport().sendPending({ tenant: "acme", created, input }));
    expect(error.message).toBe("approvals_bridge_post_failed:307:empty");
    expect(server.requests.map((r) => r.url)).toEqual(["/webhooks/escalations"]);
  });

  it("fails on a bridge that hangs (timeout) and on one that is down (network)", async () => {
    server.handle(() => {
      // never answers
    });
    const hung = await failure(transport({ timeoutMs: 80 }).sendPending({ tenant: "acme", created, input }));
    expect(hung.message).toBe("approvals_bridge_post_failed:timeout");
    const gone = await startTestServer();
    await gone.close();
    const down = await failure(
      transport({ bridgeUrl: gone.baseUrl }).sendPending({ tenant: "acme", created, input }),
    );
    expect(down.message).toBe("approvals_bridge_post_failed:network");
    expect(down.details).toEqual({ reason: "network" });
  });

  it("is a no-op that warns once when the bridge URL or the tenant is missing", async () => {
    const warnings: unknown[][] = [];
    const logger: Logger = {
      debug: () => {},
      info: () => {},
      error: () => {},
      warn: (obj, msg) => void warnings.push([obj, msg]),
    };
    const bridge = createApprovalsBridgeTransport({
      bridgeUrl: undefined,
      tenantId: "acme",
      bearerToken: TOKEN,
      logger,
    });
    expect(warnings).toHaveLength(0);
    await bridge.sendPending({ tenant: "acme", created, input });
    await bridge.sendResolved({ tenant: "acme", created, resolution: resolution("rejected") });
    expect(warnings).toEqual([
      [{ transport: "approvals-bridge", missing: ["bridgeUrl"] }, expect.any(String)],
    ]);
    expect(JSON.stringify(warnings)).not.toContain(TOKEN);
    const noTenant = createApprovalsBridgeTransport({ bridgeUrl: server.baseUrl, tenantId: " ", logger });
    server.handle((_request, response) => response.writeHead(200).end());
    await noTenant.sendPending({ tenant: "acme", created, input });
    expect(server.requests).toHaveLength(0);
    expect(warnings[1]?.[0]).toEqual({ transport: "approvals-bridge", missing: ["tenantId"] });
  });

  it("refuses a bridge URL that is not http(s) and a bad timeout at creation", () => {
    expect(() => createApprovalsBridgeTransport({ bridgeUrl: "ftp://bridge", tenantId: "acme" })).toThrow(
      expect.objectContaining({ code: "GUARD_CONFIG_INVALID", details: { field: "bridgeUrl" } }),
    );
    expect(() =>
      createApprovalsBridgeTransport({ bridgeUrl: "https://bridge", tenantId: "acme", timeoutMs: 0 }),
    ).toThrow(expect.objectContaining({ details: { field: "timeoutMs" } }));
  });
});

describe("createNoopApprovalTransport and parseApprovalAction", () => {
  it("the no-op transport sends nothing and has no capabilities", async () => {
    const noop = createNoopApprovalTransport();
    expect(noop.name).toBe("none");
    expect(noop.capabilities).toEqual({ interactiveActions: false, cards: false });
    await expect(noop.sendPending({ tenant: undefined, created, input })).resolves.toBeUndefined();
  });

  it("parses a button press and refuses anything else with GUARD_CONFIG_INVALID", () => {
    expect(parseApprovalAction({ escalationId: "esc_1", action: "approve", actorId: "discord:42" })).toEqual({
      escalationId: "esc_1",
      action: "approve",
      actorId: "discord:42",
    });
    for (const bad of [
      null,
      "approve",
      { escalationId: "", action: "approve" },
      { escalationId: "e", action: "ok" },
    ])
      expect(() => parseApprovalAction(bad)).toThrow(
        expect.objectContaining({ code: "GUARD_CONFIG_INVALID", details: { field: "action" } }),
      );
  });
});
