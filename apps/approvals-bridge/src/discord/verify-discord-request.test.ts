import { generateKeyPairSync, sign } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  createDiscordPublicKey,
  verifyDiscordRequest,
  verifyDiscordSignature,
} from "./verify-discord-request.js";

const NOW_S = 1_750_000_000;
const { privateKey, publicKey } = generateKeyPairSync("ed25519");
const rawHex = publicKey.export({ format: "der", type: "spki" }).subarray(12).toString("hex");
const key = createDiscordPublicKey(rawHex);
const body = Buffer.from('{"type":1}');

function signed(timestamp: string, bytes: Buffer = body): string {
  return sign(null, Buffer.concat([Buffer.from(timestamp), bytes]), privateKey).toString("hex");
}

function check(signature: string | undefined, timestamp: string | undefined, bytes = body) {
  return verifyDiscordRequest({ publicKey: key, signature, timestamp, body: bytes, now: () => NOW_S * 1000 });
}

describe("verifyDiscordRequest", () => {
  it("accepts Discord's signature over timestamp + raw body", () => {
    expect(check(signed(String(NOW_S)), String(NOW_S))).toEqual({ ok: true });
  });

  it("refuses a flipped signature byte, a changed body or a changed timestamp", () => {
    const signature = signed(String(NOW_S));
    const flipped = `${(Number.parseInt(signature.slice(0, 2), 16) ^ 1).toString(16).padStart(2, "0")}${signature.slice(2)}`;
    expect(check(flipped, String(NOW_S))).toEqual({ ok: false, reason: "invalid_signature" });
    expect(check(signature, String(NOW_S), Buffer.from('{"type":2}'))).toMatchObject({ ok: false });
    expect(check(signature, String(NOW_S + 1))).toMatchObject({ ok: false, reason: "invalid_signature" });
  });

  it("refuses missing headers", () => {
    expect(check(undefined, String(NOW_S))).toEqual({ ok: false, reason: "missing_headers" });
    expect(check(signed(String(NOW_S)), undefined)).toEqual({ ok: false, reason: "missing_headers" });
  });

  it("refuses a timestamp more than 300 s away, either side", () => {
    for (const t of [NOW_S - 301, NOW_S + 301]) {
      expect(check(signed(String(t)), String(t))).toEqual({ ok: false, reason: "stale" });
    }
    for (const t of [NOW_S - 300, NOW_S + 300]) expect(check(signed(String(t)), String(t)).ok).toBe(true);
    const t = String(NOW_S - 100);
    expect(
      verifyDiscordRequest({
        publicKey: key,
        signature: signed(t),
        timestamp: t,
        body,
        now: () => NOW_S * 1000,
        maxSkewSeconds: 60,
      }),
    ).toEqual({ ok: false, reason: "stale" });
  });

  it("returns false, never throws, on malformed hex and lengths", () => {
    for (const bad of ["zz", "abc", "", "00".repeat(63), "00".repeat(65), `${"0".repeat(127)}g`]) {
      expect(verifyDiscordSignature(key, bad, String(NOW_S), body)).toBe(false);
    }
    expect(check(signed(String(NOW_S)), "12e3")).toMatchObject({ ok: false });
  });

  it("refuses a public key that is not 32 bytes of hex", () => {
    expect(() => createDiscordPublicKey("abcd")).toThrow(/64 hex characters/);
    expect(() => createDiscordPublicKey("g".repeat(64))).toThrow(/64 hex characters/);
  });
});
