import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { isSec0Error } from "../errors.js";
import {
  type ApprovalTokenClaims,
  ApprovalTokenClaimsSchema,
  checkApprovalTokenClaims,
  computeCallDigest,
} from "./approval-token.js";

const call = {
  toolRef: "mcp://files/write@1.0",
  args: { path: "/tmp/a", options: { mode: 0o600, append: false }, lines: ["x", "y"] },
  nodeId: "planner",
  runId: "run-1",
};

describe("computeCallDigest", () => {
  it("is the SHA-256 of the canonical JSON of {args, nodeId, runId, toolRef}", () => {
    const canonical =
      '{"args":{"lines":["x","y"],"options":{"append":false,"mode":384},"path":"/tmp/a"},' +
      '"nodeId":"planner","runId":"run-1","toolRef":"mcp://files/write@1.0"}';
    expect(computeCallDigest(call)).toBe(createHash("sha256").update(canonical).digest("hex"));
  });

  it("does not depend on key order in the arguments", () => {
    const reordered = { lines: ["x", "y"], options: { append: false, mode: 384 }, path: "/tmp/a" };
    expect(computeCallDigest({ ...call, args: reordered })).toBe(computeCallDigest(call));
  });

  it.each([
    ["a value", { ...call, args: { ...call.args, path: "/tmp/b" } }],
    ["array order", { ...call, args: { ...call.args, lines: ["y", "x"] } }],
    ["an extra argument", { ...call, args: { ...call.args, force: true } }],
    ["the tool", { ...call, toolRef: "mcp://files/write@1.1" }],
    ["the node", { ...call, nodeId: "executor" }],
    ["the run", { ...call, runId: "run-2" }],
  ])("changes when %s changes", (_label, other) => {
    expect(computeCallDigest(other)).not.toBe(computeCallDigest(call));
  });

  it("treats a missing node or run as null", () => {
    const bare = { toolRef: call.toolRef, args: {} };
    expect(computeCallDigest(bare)).toBe(computeCallDigest({ ...bare, nodeId: null, runId: null }));
    expect(computeCallDigest(bare)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("refuses arguments with no JSON form", () => {
    let thrown: unknown;
    try {
      computeCallDigest({ ...call, args: { n: Number.NaN } });
    } catch (error) {
      thrown = error;
    }
    expect(isSec0Error(thrown, "CORE_CANONICAL_JSON_INVALID")).toBe(true);
  });
});

describe("approval token claims", () => {
  const claims: ApprovalTokenClaims = {
    v: 1,
    jti: "apt_0123456789abcdef",
    tenant: "acme",
    escalation_id: "esc_1",
    tool_ref: call.toolRef,
    node_id: call.nodeId,
    run_id: call.runId,
    call_digest: computeCallDigest(call),
    iat: 1_769_947_200,
    exp: 1_769_947_500,
  };

  it("accepts well-formed claims", () => {
    expect(ApprovalTokenClaimsSchema.parse(claims)).toEqual(claims);
  });

  it.each([
    ["an unknown claim", { ...claims, scope: "all" }],
    ["another version", { ...claims, v: 2 }],
    ["a short jti", { ...claims, jti: "x" }],
    ["exp not after iat", { ...claims, exp: claims.iat }],
    ["a malformed digest", { ...claims, call_digest: "abc" }],
    ["a missing node claim", { ...claims, node_id: undefined }],
  ])("refuses claims with %s", (_label, body) => {
    expect(ApprovalTokenClaimsSchema.safeParse(body).success).toBe(false);
  });

  it("accepts the bound call before expiry", () => {
    expect(checkApprovalTokenClaims(claims, call, claims.iat + 10)).toEqual({ ok: true });
    expect(checkApprovalTokenClaims(claims, call, claims.iat - 5)).toEqual({ ok: true });
  });

  it("refuses an expired token, a token from the future and another call", () => {
    expect(checkApprovalTokenClaims(claims, call, claims.exp)).toEqual({ ok: false, reason: "expired" });
    expect(checkApprovalTokenClaims(claims, call, claims.iat - 31)).toEqual({
      ok: false,
      reason: "not_yet_valid",
    });
    const other = { ...call, args: { ...call.args, path: "/etc/passwd" } };
    expect(checkApprovalTokenClaims(claims, other, claims.iat + 10)).toEqual({
      ok: false,
      reason: "call_mismatch",
    });
    expect(checkApprovalTokenClaims(claims, { ...call, runId: "run-2" }, claims.iat + 10)).toEqual({
      ok: false,
      reason: "call_mismatch",
    });
  });
});
