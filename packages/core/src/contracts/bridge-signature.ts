import { createHmac, timingSafeEqual } from "node:crypto";
import { Sec0Error } from "../errors.js";

// HMAC authentication of POST /webhooks/escalations, byte-compatible with sec0-sdk 0.2.3:
// signature = "v1=" + hex(HMAC_SHA256(secret, "<timestamp>.<nonce>.<raw body>")).
//
// These helpers check the signature and the timestamp window only. Replay protection is the
// bridge app's job: it must remember every accepted nonce for at least twice the tolerance window
// (a nonce store, Redis in a cluster) and refuse a nonce it has seen, and de-duplicate events by
// event_id.

/** Header carrying the Unix time (seconds) at which the request was signed. */
export const BRIDGE_TIMESTAMP_HEADER = "x-sec0-bridge-timestamp";
/** Header carrying a single-use random nonce (0.2.3 sends 32 hex characters). */
export const BRIDGE_NONCE_HEADER = "x-sec0-bridge-nonce";
/** Header carrying `v1=<hex HMAC-SHA256>`. */
export const BRIDGE_SIGNATURE_HEADER = "x-sec0-bridge-signature";

/** Default accepted distance between the signing time and now, in seconds. */
export const DEFAULT_BRIDGE_TOLERANCE_SECONDS = 300;

const TIMESTAMP = /^\d{1,12}$/;
const NONCE = /^[A-Za-z0-9_-]{8,128}$/;
const SIGNATURE = /^v1=([0-9a-fA-F]{64})$/;

/** What is signed: the shared secret, the timestamp and nonce header values, and the raw body. */
export interface BridgeSignatureInput {
  /** Shared secret; a string is used as its UTF-8 bytes, as 0.2.3 does. */
  readonly secret: string | Uint8Array;
  /** Unix seconds, as sent in {@link BRIDGE_TIMESTAMP_HEADER}. */
  readonly timestamp: string;
  readonly nonce: string;
  /** The raw request body, exactly as sent on the wire. */
  readonly body: string | Uint8Array;
}

/**
 * Computes the `x-sec0-bridge-signature` value for a request.
 *
 * @throws {Sec0Error} `CORE_BRIDGE_SECRET_INVALID` when the secret is empty.
 * @example
 * computeBridgeSignature({ secret: "s3cret", timestamp: "1769947200", nonce: "0123456789abcdef", body: "{}" });
 * // "v1=…" (64 hex characters after the prefix)
 */
export function computeBridgeSignature(input: BridgeSignatureInput): string {
  return `v1=${hmacHex(input)}`;
}

/**
 * The three signature headers for a request body signed at `timestampSeconds` with `nonce`
 * (pass a fresh random nonce, e.g. a UUID without dashes, for every request).
 *
 * @throws {Sec0Error} `CORE_BRIDGE_SECRET_INVALID` when the secret is empty.
 * @example
 * createBridgeSignatureHeaders({ secret: "s3cret", body: "{}", timestampSeconds: 1769947200, nonce: "0123456789abcdef" });
 */
export function createBridgeSignatureHeaders(input: {
  readonly secret: string | Uint8Array;
  readonly body: string | Uint8Array;
  readonly timestampSeconds: number;
  readonly nonce: string;
}): Record<
  typeof BRIDGE_TIMESTAMP_HEADER | typeof BRIDGE_NONCE_HEADER | typeof BRIDGE_SIGNATURE_HEADER,
  string
> {
  const timestamp = String(Math.floor(input.timestampSeconds));
  return {
    [BRIDGE_TIMESTAMP_HEADER]: timestamp,
    [BRIDGE_NONCE_HEADER]: input.nonce,
    [BRIDGE_SIGNATURE_HEADER]: computeBridgeSignature({ ...input, timestamp }),
  };
}

/** Why a bridge signature was refused. */
export type BridgeSignatureFailure = "malformed" | "signature_mismatch" | "timestamp_out_of_window";

/** Outcome of {@link verifyBridgeSignature}. */
export type BridgeSignatureVerification =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: BridgeSignatureFailure };

/** Input of {@link verifyBridgeSignature}: header values as received (possibly missing). */
export interface BridgeSignatureCheck {
  readonly secret: string | Uint8Array;
  readonly timestamp: string | undefined;
  readonly nonce: string | undefined;
  readonly signature: string | undefined;
  readonly body: string | Uint8Array;
  /** Current time in milliseconds since the epoch (`clock.now()`). */
  readonly nowMs: number;
  /** Accepted distance between the signing time and now; default 300 s. */
  readonly toleranceSeconds?: number;
}

/**
 * Verifies a bridge request's HMAC signature in constant time, then its timestamp window. A
 * missing or malformed header is `malformed`; a signature that does not match is
 * `signature_mismatch`; an authentic request signed too long ago or in the future is
 * `timestamp_out_of_window`. Nonce replay is not checked here (see the file comment).
 *
 * @throws {Sec0Error} `CORE_BRIDGE_SECRET_INVALID` when the secret is empty.
 * @example
 * const result = verifyBridgeSignature({ secret, timestamp, nonce, signature, body: rawBody, nowMs: clock.now() });
 * if (!result.ok) reply.code(401).send({ code: "BRIDGE_SIGNATURE_INVALID", reason: result.reason });
 */
export function verifyBridgeSignature(check: BridgeSignatureCheck): BridgeSignatureVerification {
  assertSecret(check.secret);
  const { timestamp, nonce, signature } = check;
  const provided = signature === undefined ? null : SIGNATURE.exec(signature);
  if (timestamp === undefined || !TIMESTAMP.test(timestamp) || nonce === undefined || !NONCE.test(nonce)) {
    return { ok: false, reason: "malformed" };
  }
  if (provided === null) return { ok: false, reason: "malformed" };
  const expected = Buffer.from(
    hmacHex({ secret: check.secret, timestamp, nonce, body: check.body }),
    "latin1",
  );
  const actual = Buffer.from(provided[1]!.toLowerCase(), "latin1");
  if (!timingSafeEqual(expected, actual)) return { ok: false, reason: "signature_mismatch" };
  const tolerance = check.toleranceSeconds ?? DEFAULT_BRIDGE_TOLERANCE_SECONDS;
  if (Math.abs(Math.floor(check.nowMs / 1000) - Number(timestamp)) > tolerance) {
    return { ok: false, reason: "timestamp_out_of_window" };
  }
  return { ok: true };
}

function hmacHex(input: BridgeSignatureInput): string {
  assertSecret(input.secret);
  return createHmac("sha256", input.secret)
    .update(`${input.timestamp}.${input.nonce}.`, "utf8")
    .update(input.body)
    .digest("hex");
}

function assertSecret(secret: string | Uint8Array): void {
  if (secret.length === 0) {
    throw new Sec0Error(
      "CORE_BRIDGE_SECRET_INVALID",
      "The approvals-bridge HMAC secret is empty; configure a shared secret of at least 32 random bytes.",
    );
  }
}
