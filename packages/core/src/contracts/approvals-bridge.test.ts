import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { isSec0Error } from "../errors.js";
import { ApprovalActionSchema, ApprovalsBridgeEventSchema, BRIDGE_WEBHOOK_PATH } from "./approvals-bridge.js";
import {
  BRIDGE_NONCE_HEADER,
  BRIDGE_SIGNATURE_HEADER,
  BRIDGE_TIMESTAMP_HEADER,
  computeBridgeSignature,
  createBridgeSignatureHeaders,
  verifyBridgeSignature,
} from "./bridge-signature.js";

const secret = "whsec_test";
const timestamp = "1769947200";
const nonce = "0123456789abcdef0123456789abcdef";
const body = '{"event_id":"e1"}';
const nowMs = 1_769_947_200_000;

describe("bridge signature", () => {
  it("matches a vector computed independently with node:crypto", () => {
    const byHand = createHmac("sha256", Buffer.from(secret, "utf8"))
      .update(Buffer.from(`${timestamp}.${nonce}.${body}`, "utf8"))
      .digest("hex");
    expect(byHand).toBe("6314bc82c75375451670bf3d3c4d19e21bd1d5a52978f2012947338bdcac293e");
    expect(computeBridgeSignature({ secret, timestamp, nonce, body })).toBe(`v1=${byHand}`);
    expect(
      computeBridgeSignature({ secret: Buffer.from(secret), timestamp, nonce, body: Buffer.from(body) }),
    ).toBe(`v1=${byHand}`);
  });

  it("creates the three headers with whole seconds", () => {
    const headers = createBridgeSignatureHeaders({ secret, body, timestampSeconds: 1_769_947_200.9, nonce });
    expect(headers).toEqual({
      [BRIDGE_TIMESTAMP_HEADER]: timestamp,
      [BRIDGE_NONCE_HEADER]: nonce,
      [BRIDGE_SIGNATURE_HEADER]: computeBridgeSignature({ secret, timestamp, nonce, body }),
    });
    expect(Object.keys(headers)).toEqual([
      "x-sec0-bridge-timestamp",
      "x-sec0-bridge-nonce",
      "x-sec0-bridge-signature",
    ]);
  });

  const signature = computeBridgeSignature({ secret, timestamp, nonce, body });
  const check = { secret, timestamp, nonce, signature, body, nowMs };

  it("verifies an authentic request inside the window", () => {
    expect(verifyBridgeSignature(check)).toEqual({ ok: true });
    expect(verifyBridgeSignature({ ...check, nowMs: nowMs + 300_000 })).toEqual({ ok: true });
    expect(
      verifyBridgeSignature({ ...check, signature: signature.toUpperCase().replace("V1=", "v1=") }),
    ).toEqual({
      ok: true,
    });
  });

  it.each([
    ["a tampered body", { body: '{"event_id":"e2"}' }],
    ["a wrong secret", { secret: "whsec_other" }],
    ["another nonce", { nonce: "fedcba9876543210fedcba9876543210" }],
    ["another timestamp", { timestamp: "1769947201" }],
  ])("refuses %s as signature_mismatch", (_label, change) => {
    expect(verifyBridgeSignature({ ...check, ...change })).toEqual({
      ok: false,
      reason: "signature_mismatch",
    });
  });

  it("refuses a timestamp outside the window, both ways, with a configurable tolerance", () => {
    const stale = { ok: false, reason: "timestamp_out_of_window" };
    expect(verifyBridgeSignature({ ...check, nowMs: nowMs + 301_000 })).toEqual(stale);
    expect(verifyBridgeSignature({ ...check, nowMs: nowMs - 301_000 })).toEqual(stale);
    expect(verifyBridgeSignature({ ...check, nowMs: nowMs + 61_000, toleranceSeconds: 60 })).toEqual(stale);
  });

  it.each([
    ["a missing signature", { signature: undefined }],
    ["a signature without v1=", { signature: signature.slice(3) }],
    ["a truncated signature", { signature: signature.slice(0, -2) }],
    ["a missing timestamp", { timestamp: undefined }],
    ["a timestamp that is not a number", { timestamp: "2026-02-01T12:00:00Z" }],
    ["a missing nonce", { nonce: undefined }],
    ["a nonce with a dot", { nonce: "abc.defghijk" }],
  ])("refuses %s as malformed", (_label, change) => {
    expect(verifyBridgeSignature({ ...check, ...change })).toEqual({ ok: false, reason: "malformed" });
  });

  it("refuses to sign or verify with an empty secret", () => {
    for (const run of [
      () => computeBridgeSignature({ secret: "", timestamp, nonce, body }),
      () => verifyBridgeSignature({ ...check, secret: "" }),
    ]) {
      let thrown: unknown;
      try {
        run();
      } catch (error) {
        thrown = error;
      }
      expect(isSec0Error(thrown, "CORE_BRIDGE_SECRET_INVALID")).toBe(true);
    }
  });
});

describe("bridge events", () => {
  const envelope = { event_id: "6f1c", emitted_at: "2026-02-01T12:00:00.000Z", tenant_id: "acme" };

  it("accepts created and finalized events as 0.2.3 sends them", () => {
    const created = {
      ...envelope,
      event_type: "escalation.created",
      escalation: {
        id: "esc_1",
        status: "pending",
        violation: "fs_violation",
        severity: "medium",
        content: "Policy denied …",
        rule_id: null,
        message: "fs violation",
        node_id: "planner",
        agent_ref: "run-1",
        metadata: {},
        expires_at: "2026-02-01T13:00:00.000Z",
        requester_status_message: null,
      },
    };
    expect(ApprovalsBridgeEventSchema.parse(created).event_type).toBe("escalation.created");
    const finalized = {
      ...envelope,
      event_type: "escalation.finalized",
      escalation: {
        id: "esc_1",
        status: "approved",
        finalization_reason: "approved",
        resolved_at: "2026-02-01T12:01:00.000Z",
      },
    };
    expect(ApprovalsBridgeEventSchema.safeParse(finalized).success).toBe(true);
    expect(BRIDGE_WEBHOOK_PATH).toBe("/webhooks/escalations");
  });

  it.each([
    [
      "an unknown event type",
      { event_type: "escalation.deleted", escalation: { id: "e", status: "pending" } },
    ],
    [
      "no tenant",
      { event_type: "escalation.created", tenant_id: "", escalation: { id: "e", status: "pending" } },
    ],
    ["an escalation without id", { event_type: "escalation.created", escalation: { status: "pending" } }],
    [
      "a bad emitted_at",
      { event_type: "escalation.created", emitted_at: "now", escalation: { id: "e", status: "pending" } },
    ],
  ])("refuses an event with %s", (_label, change) => {
    expect(ApprovalsBridgeEventSchema.safeParse({ ...envelope, ...change }).success).toBe(false);
  });

  it("parses approval callbacks", () => {
    expect(
      ApprovalActionSchema.safeParse({ escalationId: "esc_1", action: "reject", notes: "no" }).success,
    ).toBe(true);
    expect(ApprovalActionSchema.safeParse({ escalationId: "esc_1", action: "maybe" }).success).toBe(false);
  });
});
