import { AP2_HEADERS } from "@sec0/core/contracts";
import { describe, expect, it } from "vitest";
import { newKey, sign } from "./__fixtures__/ap2-fixtures.js";
import {
  AP2_BUNDLE_HEADER,
  AP2_CART_DIGEST_HEADER,
  AP2_CART_HEADER,
  AP2_CONSTRAINTS_DIGEST_HEADER,
  AP2_INTENT_HEADER,
} from "./ap2-legacy-headers.js";
import {
  canonicalizeJson,
  compareArgsToDigest,
  computeArgsDigest,
  sha256Hex,
} from "./compute-args-digest.js";
import { decodeCompactJwsPayload } from "./decode-compact-jws-payload.js";

describe("0.2.3 AP2 helpers", () => {
  it("keeps 0.2.3's header names", () => {
    expect([AP2_INTENT_HEADER, AP2_CART_HEADER, AP2_BUNDLE_HEADER]).toEqual([
      "x-ap2-intent-mandate",
      "x-ap2-cart-mandate",
      "x-ap2-bundle",
    ]);
    expect(AP2_CART_DIGEST_HEADER).toBe(AP2_HEADERS.cartSha256);
    expect(AP2_CONSTRAINTS_DIGEST_HEADER).toBe("x-ap2-constraints-sha256");
  });

  it("digests canonical JSON of args ?? {}", () => {
    expect(canonicalizeJson({ b: 1, a: [true, "x"] })).toBe('{"a":[true,"x"],"b":1}');
    expect(sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(computeArgsDigest({ b: 1, a: 2 })).toBe(sha256Hex('{"a":2,"b":1}'));
    expect(computeArgsDigest(undefined)).toBe(sha256Hex("{}"));
    expect(computeArgsDigest(null)).toBe(sha256Hex("{}"));
  });

  it('is "" for args without a JSON form', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(computeArgsDigest(cyclic)).toBe("");
    expect(computeArgsDigest({ n: 1n })).toBe("");
  });

  it("compares a digest with the args", () => {
    const args = { sku: "book-42" };
    expect(compareArgsToDigest(undefined, args)).toEqual({ ok: true });
    expect(compareArgsToDigest("", args)).toEqual({ ok: true });
    expect(compareArgsToDigest(computeArgsDigest(args), args)).toEqual({ ok: true });
    expect(compareArgsToDigest(computeArgsDigest(args).toUpperCase(), args)).toEqual({ ok: true });
    expect(compareArgsToDigest(computeArgsDigest(args), { sku: "book-43" })).toEqual({
      ok: false,
      reason: "ap2_cart_mismatch",
    });
    expect(compareArgsToDigest("ab", { n: 1n })).toEqual({ ok: false, reason: "ap2_digest_unavailable" });
  });

  it("decodes a JWS payload without verifying it", async () => {
    const jws = await sign(await newKey("EdDSA"), { jti: "cart-1" });
    expect(decodeCompactJwsPayload(jws)).toEqual({ jti: "cart-1" });
    const [header, payload] = jws.split(".");
    expect(decodeCompactJwsPayload(`${header}.${payload}.forged`)).toEqual({ jti: "cart-1" });
    expect(decodeCompactJwsPayload("not a jws")).toBeUndefined();
    expect(
      decodeCompactJwsPayload(`${header}.${Buffer.from("[1]").toString("base64url")}.x`),
    ).toBeUndefined();
  });
});
