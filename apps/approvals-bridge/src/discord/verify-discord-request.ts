import { createPublicKey, type KeyObject, verify } from "node:crypto";
import { Sec0Error } from "@sec0/core";

/** DER prefix of an Ed25519 SubjectPublicKeyInfo; the raw 32-byte key follows it. */
const ED25519_SPKI_PREFIX = Buffer.from("302a300506032b6570032100", "hex");
const HEX = /^(?:[0-9a-fA-F]{2})+$/;
/** Discord sends the timestamp as unix seconds in decimal. */
const TIMESTAMP = /^\d{1,15}$/;

/** Default tolerated distance between Discord's timestamp and our clock. */
export const DEFAULT_MAX_SKEW_SECONDS = 300;

/** Why a request was refused (all mean 401 to Discord). */
export type DiscordRequestRefusal = "missing_headers" | "invalid_signature" | "stale";

/** The result of {@link verifyDiscordRequest}. */
export type DiscordRequestCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: DiscordRequestRefusal };

/** What {@link verifyDiscordRequest} checks. */
export interface DiscordRequestToVerify {
  readonly publicKey: KeyObject;
  /** `X-Signature-Ed25519`: 64 bytes as hex. */
  readonly signature: string | undefined;
  /** `X-Signature-Timestamp`: unix seconds. */
  readonly timestamp: string | undefined;
  /** The raw body bytes, exactly as received. */
  readonly body: Buffer;
  /** Now in milliseconds (default `Date.now`). */
  readonly now?: () => number;
  readonly maxSkewSeconds?: number;
}

/**
 * Builds the Ed25519 key object from the application's public key (64 hex characters, as the
 * Discord developer portal shows it).
 *
 * @throws Sec0Error `BRIDGE_DISCORD_CONFIG_INVALID` when the key is not 32 bytes of hex.
 * @example
 * const key = createDiscordPublicKey("a".repeat(64));
 */
export function createDiscordPublicKey(publicKeyHex: string): KeyObject {
  if (!HEX.test(publicKeyHex) || publicKeyHex.length !== 64) {
    throw new Sec0Error(
      "BRIDGE_DISCORD_CONFIG_INVALID",
      "The Discord public key must be 64 hex characters; copy it from the application's General Information page.",
    );
  }
  const der = Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(publicKeyHex, "hex")]);
  return createPublicKey({ key: der, format: "der", type: "spki" });
}

/**
 * True when `signatureHex` is the Ed25519 signature of `timestamp + body` under `publicKey`.
 * Malformed hex, wrong lengths or any crypto error give `false`; it never throws.
 *
 * @example
 * const isGenuine = verifyDiscordSignature(key, signatureHex, "1700000000", rawBody);
 */
export function verifyDiscordSignature(
  publicKey: KeyObject,
  signatureHex: string,
  timestamp: string,
  body: Buffer,
): boolean {
  if (!HEX.test(signatureHex) || signatureHex.length !== 128) return false;
  try {
    const message = Buffer.concat([Buffer.from(timestamp, "utf8"), body]);
    return verify(null, message, publicKey, Buffer.from(signatureHex, "hex"));
  } catch {
    return false;
  }
}

/**
 * Checks an interaction request as Discord requires: a valid signature over timestamp and raw
 * body, and a timestamp within `maxSkewSeconds` (default 300) of now, so a captured request
 * cannot be replayed later. Never throws.
 *
 * @example
 * const check = verifyDiscordRequest({ publicKey: key, signature, timestamp, body: rawBody });
 * if (!check.ok) reply.code(401);
 */
export function verifyDiscordRequest(request: DiscordRequestToVerify): DiscordRequestCheck {
  const { signature, timestamp } = request;
  if (signature === undefined || timestamp === undefined || signature === "" || timestamp === "") {
    return { ok: false, reason: "missing_headers" };
  }
  if (
    !TIMESTAMP.test(timestamp) ||
    !verifyDiscordSignature(request.publicKey, signature, timestamp, request.body)
  ) {
    return { ok: false, reason: "invalid_signature" };
  }
  const nowSeconds = (request.now ?? Date.now)() / 1000;
  const maxSkew = request.maxSkewSeconds ?? DEFAULT_MAX_SKEW_SECONDS;
  if (Math.abs(nowSeconds - Number(timestamp)) > maxSkew) return { ok: false, reason: "stale" };
  return { ok: true };
}
