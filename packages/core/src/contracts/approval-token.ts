import { z } from "zod";
import { canonicalize } from "../canonical-json.js";
import { sha256Hex } from "../hash.js";
import { Sha256HexSchema } from "./primitives.js";

/** The call an approval is bound to (docs/principles.md, principle 6). */
export interface ApprovedCall {
  /** Tool reference as the enforcement point resolved it, e.g. `mcp://files/write@1.0`. */
  readonly toolRef: string;
  /** The tool arguments, after approval-token keys were removed. */
  readonly args: Readonly<Record<string, unknown>>;
  /** Agent node id; `undefined` and `null` both mean "none" and digest alike. */
  readonly nodeId?: string | null;
  /** Run id (`x-agent-ref`); `undefined` and `null` both mean "none" and digest alike. */
  readonly runId?: string | null;
}

/**
 * The digest that binds an approval to one exact call: lower-case hex SHA-256 of the RFC 8785
 * canonical JSON of `{args, nodeId, runId, toolRef}`. Key order in `args` does not matter; any
 * change to a value, the tool, the node or the run gives another digest.
 *
 * @throws {Sec0Error} `CORE_CANONICAL_JSON_INVALID` when `args` holds a value with no JSON form.
 * @example
 * computeCallDigest({ toolRef: "mcp://files/write@1.0", args: { path: "/a" }, nodeId: "planner", runId: "r1" });
 * // "9c1e…" (64 hex characters)
 */
export function computeCallDigest(call: ApprovedCall): string {
  return sha256Hex(
    canonicalize({
      args: call.args,
      nodeId: call.nodeId ?? null,
      runId: call.runId ?? null,
      toolRef: call.toolRef,
    }),
  );
}

/**
 * Claims of a sec0 approval token, minted by the control plane when an escalation is approved.
 * The token is good for one call (`call_digest`), once (`jti` is consumed on verification), until
 * `exp` (Unix seconds). Strict: unknown claims are refused.
 *
 * @example
 * ApprovalTokenClaimsSchema.parse({
 *   v: 1, jti: "apt_0123456789abcdef", tenant: "acme", escalation_id: "esc_1",
 *   tool_ref: "mcp://files/write@1.0", node_id: "planner", run_id: "r1",
 *   call_digest: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
 *   iat: 1769947200, exp: 1769947500,
 * });
 */
export const ApprovalTokenClaimsSchema = z
  .strictObject({
    v: z.literal(1),
    jti: z.string().min(16).max(128),
    tenant: z.string().min(1),
    escalation_id: z.string().min(1),
    tool_ref: z.string().min(1),
    node_id: z.string().min(1).nullable(),
    run_id: z.string().min(1).nullable(),
    call_digest: Sha256HexSchema,
    iat: z.number().int().nonnegative(),
    exp: z.number().int().positive(),
  })
  .refine((claims) => claims.exp > claims.iat, { message: "exp must be after iat", path: ["exp"] });

/** Claims of a sec0 approval token. */
export type ApprovalTokenClaims = z.infer<typeof ApprovalTokenClaimsSchema>;

/** Outcome of {@link checkApprovalTokenClaims}. */
export type ApprovalTokenCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: "expired" | "not_yet_valid" | "call_mismatch" };

/**
 * Checks that token claims cover this call at this time. `iat` may be up to `clockSkewSeconds`
 * (default 30) in the future, for clocks of different machines; `exp` is never stretched. It does
 * not check the one-use rule: the control plane must consume `jti` atomically when it accepts one.
 *
 * @example
 * checkApprovalTokenClaims(claims, { toolRef: "mcp://files/write@1.0", args: { path: "/a" }, nodeId: "planner", runId: "r1" }, 1769947300);
 * // { ok: true }
 */
export function checkApprovalTokenClaims(
  claims: ApprovalTokenClaims,
  call: ApprovedCall,
  nowSeconds: number,
  clockSkewSeconds = 30,
): ApprovalTokenCheck {
  if (nowSeconds >= claims.exp) return { ok: false, reason: "expired" };
  if (nowSeconds + clockSkewSeconds < claims.iat) return { ok: false, reason: "not_yet_valid" };
  const bound =
    claims.tool_ref === call.toolRef &&
    claims.node_id === (call.nodeId ?? null) &&
    claims.run_id === (call.runId ?? null) &&
    claims.call_digest === computeCallDigest(call);
  return bound ? { ok: true } : { ok: false, reason: "call_mismatch" };
}
