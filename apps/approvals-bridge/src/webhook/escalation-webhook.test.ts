// A hostile sender against POST /webhooks/escalations: no token, wrong token, forged or stale
// signatures, a replayed nonce, a replayed event, garbage and oversized bodies. Only the authentic
// request reaches the control plane (here a stand-in on 127.0.0.1 that records reads).
import { replyJson, startTestServer, type TestServer } from "@sec0/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  BEARER,
  bridgeWithRecordingPoster,
  createdEvent,
  signedHeaders,
} from "../__fixtures__/bridge-fixtures.js";

let controlPlane: TestServer;
beforeAll(async () => {
  controlPlane = await startTestServer();
  controlPlane.handle((request, response) =>
    replyJson(response, 200, {
      escalation: { id: request.url.split("/").at(-1), status: "pending", violation: "x" },
    }),
  );
});
afterAll(() => controlPlane.close());

const post = (
  bridge: ReturnType<typeof bridgeWithRecordingPoster>["bridge"],
  body: string,
  headers: Record<string, string>,
) => bridge.app.inject({ method: "POST", url: "/webhooks/escalations", payload: body, headers });

describe("POST /webhooks/escalations", () => {
  it("accepts an authentic event (Bearer and HMAC) and reads the escalation from the control plane", async () => {
    const { bridge, posted } = bridgeWithRecordingPoster(controlPlane.baseUrl);
    const body = createdEvent("esc_1");
    const reply = await post(bridge, body, signedHeaders(body));
    expect(reply.statusCode).toBe(202);
    // Read before posting (the card shows the control plane's record) and after (a decision may have landed).
    expect(controlPlane.requests.map((r) => [r.method, r.url, r.headers.authorization])).toEqual([
      ["GET", "/api/escalations/esc_1", "Bearer sec0_bridge_key"],
      ["GET", "/api/escalations/esc_1", "Bearer sec0_bridge_key"],
    ]);
    expect(posted).toEqual([
      { op: "post", channelId: "100", card: expect.objectContaining({ escalationId: "esc_1" }) },
    ]);
  });

  it.each([
    ["no Authorization", (h: Record<string, string>) => ({ ...h, authorization: "" })],
    ["a wrong Bearer token", (h: Record<string, string>) => ({ ...h, authorization: `Bearer ${BEARER}x` })],
    [
      "a forged signature",
      (h: Record<string, string>) => ({ ...h, "x-sec0-bridge-signature": `v1=${"0".repeat(64)}` }),
    ],
    ["no signature", (h: Record<string, string>) => ({ ...h, "x-sec0-bridge-signature": "" })],
    [
      "a malformed timestamp",
      (h: Record<string, string>) => ({ ...h, "x-sec0-bridge-timestamp": "yesterday" }),
    ],
  ])("refuses %s with 401, and never asks the control plane", async (_label, tamper) => {
    const { bridge } = bridgeWithRecordingPoster(controlPlane.baseUrl);
    controlPlane.requests.length = 0;
    const body = createdEvent("esc_2");
    const reply = await post(bridge, body, tamper(signedHeaders(body)));
    expect(reply.statusCode).toBe(401);
    expect(reply.json()).toMatchObject({ code: "BRIDGE_UNAUTHENTICATED" });
    expect(controlPlane.requests).toHaveLength(0);
  });

  it("refuses a body changed after signing, and a stale or future timestamp (±300 s)", async () => {
    const { bridge } = bridgeWithRecordingPoster(controlPlane.baseUrl);
    controlPlane.requests.length = 0;
    const body = createdEvent("esc_3");
    expect((await post(bridge, body.replace("esc_3", "esc_4"), signedHeaders(body))).statusCode).toBe(401);
    expect((await post(bridge, body, signedHeaders(body, Date.now() - 301_000))).statusCode).toBe(401);
    expect((await post(bridge, body, signedHeaders(body, Date.now() + 301_000))).statusCode).toBe(401);
    expect(controlPlane.requests).toHaveLength(0);
  });

  it("refuses a replayed request (same nonce) and handles a re-sent event once", async () => {
    const { bridge } = bridgeWithRecordingPoster(controlPlane.baseUrl);
    controlPlane.requests.length = 0;
    const body = createdEvent("esc_5", "acme", "evt_fixed");
    const headers = signedHeaders(body);
    expect((await post(bridge, body, headers)).statusCode).toBe(202);
    expect((await post(bridge, body, headers)).statusCode).toBe(401);
    const resent = await post(bridge, body, signedHeaders(body));
    expect(resent.statusCode).toBe(202);
    expect(resent.json()).toMatchObject({ duplicate: true });
    expect(controlPlane.requests).toHaveLength(2);
  });

  it("answers 400 to an authentic body that is not an event, and 413 to one over 256 KiB", async () => {
    const { bridge } = bridgeWithRecordingPoster(controlPlane.baseUrl);
    for (const body of ["not json", JSON.stringify({ event_type: "escalation.created" })]) {
      const reply = await post(bridge, body, signedHeaders(body));
      expect(reply.statusCode).toBe(400);
      expect(reply.json()).toMatchObject({ code: "BRIDGE_EVENT_INVALID" });
    }
    const huge = createdEvent("esc_6").replace("refund 40 EUR", "x".repeat(300_000));
    expect((await post(bridge, huge, signedHeaders(huge))).statusCode).toBe(413);
  });

  it("answers 503 when the control plane is down and handles the sender's retry", async () => {
    const { bridge } = bridgeWithRecordingPoster("http://127.0.0.1:1");
    const body = createdEvent("esc_7", "acme", "evt_retry");
    expect((await post(bridge, body, signedHeaders(body))).statusCode).toBe(503);
    expect((await post(bridge, body, signedHeaders(body))).statusCode).toBe(503);
  });
});
