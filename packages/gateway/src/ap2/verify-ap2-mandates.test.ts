import { createHmac } from "node:crypto";
import { AP2_HEADERS } from "@sec0/core/contracts";
import { describe, expect, it } from "vitest";
import {
  ARGS,
  cartPayload,
  didJwkOf,
  didKeyOf,
  fixedClock,
  intentPayload,
  NOW_SEC,
  newKey,
  sign,
  signRawEd25519,
  type TestKey,
} from "./__fixtures__/ap2-fixtures.js";
import { ap2IdempotencyKey } from "./ap2-idempotency-key.js";
import { buildAp2Headers } from "./build-ap2-headers.js";
import { createDidCache } from "./did-cache.js";
import { verifyAp2Mandates } from "./verify-ap2-mandates.js";
import type { VerifyAp2Options } from "./verify-ap2-options.js";

const ed = await newKey("EdDSA");
const p256 = await newKey("ES256");
const other = await newKey("EdDSA");
const edDid = didKeyOf(ed);

function options(trusted: string[], extra: Partial<VerifyAp2Options> = {}): VerifyAp2Options {
  return { trustedIssuers: trusted, clock: fixedClock, did: { cache: createDidCache() }, ...extra };
}

async function mandates(key: TestKey, did: string, intent = {}, cart = {}) {
  return {
    intent: await sign(key, intentPayload(did, intent)),
    cart: await sign(key, cartPayload(did, cart)),
  };
}

function b64(text: string): string {
  return Buffer.from(text).toString("base64url");
}

describe("verifyAp2Mandates: happy paths", () => {
  it("accepts did:key Ed25519 mandates and injects the 0.2.3 downstream headers", async () => {
    const headers = buildAp2Headers(await mandates(ed, edDid));
    const result = await verifyAp2Mandates(headers, ARGS, headers["x-idempotency-key"], options([edDid]));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.verified.signed).toBe(true);
    expect(result.verified.intent.keyId).toBe(`${edDid}#${edDid.slice("did:key:".length)}`);
    expect(result.downstreamHeaders).toEqual({
      [AP2_HEADERS.intentId]: "intent-1",
      [AP2_HEADERS.cartId]: "cart-1",
      [AP2_HEADERS.constraintsSha256]: result.verified.constraintsDigest,
      [AP2_HEADERS.cartSha256]: result.verified.cartDigest,
      [AP2_HEADERS.issuerDid]: edDid,
      [AP2_HEADERS.subjectDid]: "did:key:user",
    });
    expect(result.verified.cartDigest).toBe(headers["x-idempotency-key"]);
  });

  it("accepts did:jwk P-256 mandates (ES256)", async () => {
    const did = didJwkOf(p256);
    const headers = buildAp2Headers(await mandates(p256, did));
    const result = await verifyAp2Mandates(headers, ARGS, headers["x-idempotency-key"], options([did]));
    expect(result).toMatchObject({ ok: true, verified: { issuer: did, intent: { algorithm: "ES256" } } });
  });

  it("accepts did:key P-256 (zDn…) mandates", async () => {
    const did = didKeyOf(p256);
    expect(did.startsWith("did:key:zDn")).toBe(true);
    const headers = buildAp2Headers(await mandates(p256, did));
    const result = await verifyAp2Mandates(headers, ARGS, headers["x-idempotency-key"], options([did]));
    expect(result.ok).toBe(true);
  });

  it("takes the mandates from a base64url bundle as well as from headers", async () => {
    const { intent, cart } = await mandates(ed, edDid);
    const headers = { [AP2_HEADERS.bundle]: b64(JSON.stringify({ intentMandate: intent, cart })) };
    const result = await verifyAp2Mandates(headers, ARGS, ap2IdempotencyKey(cart), options([edDid]));
    expect(result.ok).toBe(true);
  });
});

describe("verifyAp2Mandates: hostile mandates", () => {
  async function reasonsFor(
    intent: string,
    cart: string,
    trusted = [edDid],
    args: unknown = ARGS,
    key?: string,
  ) {
    const headers = { [AP2_HEADERS.intentMandate]: intent, [AP2_HEADERS.cartMandate]: cart };
    const result = await verifyAp2Mandates(headers, args, key ?? ap2IdempotencyKey(cart), options(trusted));
    return result.ok ? [] : result.reasons;
  }

  it("refuses a forged signature (another key claiming the issuer)", async () => {
    const forged = await mandates(other, edDid);
    expect(await reasonsFor(forged.intent, forged.cart)).toEqual(["ap2_signature_invalid"]);
  });

  it("ignores a key embedded in the JWS header (jwk) and verifies against the DID's key", async () => {
    const forged = await sign(other, cartPayload(edDid), { jwk: other.publicJwk });
    const real = await mandates(ed, edDid);
    expect(await reasonsFor(real.intent, forged)).toEqual(["ap2_signature_invalid"]);
  });

  it("refuses a kid that points at another DID's key", async () => {
    const otherDid = didKeyOf(other);
    const forged = await sign(other, cartPayload(edDid), { kid: `${otherDid}#${otherDid.slice(8)}` });
    const real = await mandates(ed, edDid);
    expect(await reasonsFor(real.intent, forged)).toEqual(["ap2_issuer_unresolvable"]);
  });

  it("refuses a JWS with a critical header extension it does not understand", async () => {
    const real = await mandates(ed, edDid);
    const critical = await signRawEd25519(ed, { crit: ["x-unknown"], "x-unknown": true }, cartPayload(edDid));
    const plain = await signRawEd25519(ed, {}, cartPayload(edDid));
    expect(await reasonsFor(real.intent, plain)).toEqual([]); // the raw signer itself is sound
    expect(await reasonsFor(real.intent, critical)).toEqual(["ap2_signature_invalid"]);
  });

  it("refuses a payload swapped under a valid signature", async () => {
    const real = await mandates(ed, edDid);
    const [header, , signature] = real.cart.split(".");
    const swapped = `${header}.${b64(JSON.stringify(cartPayload(edDid, { args: { sku: "yacht", quantity: 9 } })))}.${signature}`;
    expect(await reasonsFor(real.intent, swapped, [edDid], { sku: "yacht", quantity: 9 })).toEqual([
      "ap2_signature_invalid",
    ]);
  });

  it("refuses alg none", async () => {
    const real = await mandates(ed, edDid);
    const none = `${b64(JSON.stringify({ alg: "none" }))}.${b64(JSON.stringify(cartPayload(edDid)))}.`;
    expect(await reasonsFor(real.intent, none)).toEqual(["ap2_algorithm_not_allowed"]);
  });

  it("refuses HS256 keyed with the issuer's public key", async () => {
    const real = await mandates(ed, edDid);
    const signingInput = `${b64(JSON.stringify({ alg: "HS256" }))}.${b64(JSON.stringify(cartPayload(edDid)))}`;
    for (const secret of [Buffer.from(ed.publicJwk.x as string, "base64url"), Buffer.from(edDid)]) {
      const mac = createHmac("sha256", secret).update(signingInput).digest("base64url");
      expect(await reasonsFor(real.intent, `${signingInput}.${mac}`)).toEqual(["ap2_algorithm_not_allowed"]);
    }
  });

  it("refuses an algorithm that does not fit the key (ES256 header, Ed25519 issuer)", async () => {
    const cart = await sign(p256, cartPayload(edDid));
    const real = await mandates(ed, edDid);
    expect(await reasonsFor(real.intent, cart)).toEqual(["ap2_signature_invalid"]);
  });

  it("refuses expired, not-yet-valid and expiry-less mandates, with 60 s of skew", async () => {
    const expired = await mandates(ed, edDid, { exp: NOW_SEC - 61 });
    expect(await reasonsFor(expired.intent, expired.cart)).toEqual(["ap2_expired"]);
    const withinSkew = await mandates(ed, edDid, { exp: NOW_SEC - 30 });
    expect(await reasonsFor(withinSkew.intent, withinSkew.cart)).toEqual([]);
    const early = await mandates(ed, edDid, {}, { nbf: NOW_SEC + 120 });
    expect(await reasonsFor(early.intent, early.cart)).toEqual(["ap2_not_yet_valid"]);
    const forever = await mandates(ed, edDid, { exp: undefined });
    expect(await reasonsFor(forever.intent, forever.cart)).toEqual(["ap2_expiry_missing"]);
  });

  it("refuses an issuer that is not trusted, and an empty trust list", async () => {
    const real = await mandates(ed, edDid);
    expect(await reasonsFor(real.intent, real.cart, ["did:key:someone-else"])).toEqual(["ap2_vc_untrusted"]);
    expect(await reasonsFor(real.intent, real.cart, [])).toEqual(["ap2_vc_untrusted"]);
  });

  it("refuses cart args that differ from the call's arguments", async () => {
    const real = await mandates(ed, edDid);
    expect(await reasonsFor(real.intent, real.cart, [edDid], { ...ARGS, quantity: 100 })).toEqual([
      "ap2_cart_mismatch",
    ]);
  });

  it("refuses a missing or mismatching idempotency key", async () => {
    const real = await mandates(ed, edDid);
    expect(await reasonsFor(real.intent, real.cart, [edDid], ARGS, "0".repeat(64))).toEqual([
      "ap2_idempotency_mismatch",
    ]);
    expect(await reasonsFor(real.intent, real.cart, [edDid], ARGS, " ")).toEqual(["ap2_idempotency_missing"]);
  });

  it("refuses a cart made under another intent", async () => {
    const real = await mandates(ed, edDid, {}, { intent_id: "intent-2" });
    expect(await reasonsFor(real.intent, real.cart)).toEqual(["ap2_cart_intent_mismatch"]);
  });

  it("refuses a header and a bundle that carry different mandates", async () => {
    const first = await mandates(ed, edDid);
    const second = await mandates(ed, edDid, { jti: "intent-9" }, { jti: "cart-9" });
    const headers = {
      [AP2_HEADERS.intentMandate]: first.intent,
      [AP2_HEADERS.cartMandate]: first.cart,
      [AP2_HEADERS.bundle]: JSON.stringify({ intent: second.intent, cartMandate: second.cart }),
    };
    const result = await verifyAp2Mandates(headers, ARGS, ap2IdempotencyKey(first.cart), options([edDid]));
    expect(result).toEqual({
      ok: false,
      reasons: ["ap2_intent_mandate_conflict", "ap2_cart_mandate_conflict"],
    });
  });

  it("refuses a validly signed payload with duplicate member names", async () => {
    const real = await mandates(ed, edDid);
    const text = JSON.stringify(cartPayload(edDid)).replace('"args":', '"args":{"sku":"cheap"},"args":');
    const duplicate = await sign(ed, text);
    const headers = { [AP2_HEADERS.intentMandate]: real.intent, [AP2_HEADERS.cartMandate]: duplicate };
    const result = await verifyAp2Mandates(headers, ARGS, ap2IdempotencyKey(real.cart), options([edDid]));
    expect(result).toEqual({ ok: false, reasons: ["ap2_mandate_malformed"] });
  });

  it("reports 0.2.3's id, issuer and subject conflicts", async () => {
    const real = await mandates(
      ed,
      edDid,
      { id: "other-intent" },
      { issuer: "did:key:other", subject: "did:key:x" },
    );
    expect(await reasonsFor(real.intent, real.cart)).toEqual([
      "ap2_intent_id_conflict",
      "ap2_issuer_conflict",
      "ap2_subject_conflict",
    ]);
  });

  it("reports missing mandates with 0.2.3's reasons", async () => {
    const result = await verifyAp2Mandates({}, ARGS, undefined, options([edDid]));
    expect(result).toEqual({ ok: false, reasons: ["ap2_intent_missing", "ap2_mandate_missing"] });
  });
});

describe("client helpers", () => {
  it("ap2IdempotencyKey is the digest of the canonical cart payload, whatever the key order", async () => {
    const cart = cartPayload(edDid);
    const reordered = Object.fromEntries(Object.entries(cart).reverse());
    expect(ap2IdempotencyKey(await sign(ed, reordered))).toBe(ap2IdempotencyKey(cart));
    expect(ap2IdempotencyKey(cart)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("throws GATEWAY_AP2_MANDATE_INVALID for a mandate it cannot decode", () => {
    expect(() => ap2IdempotencyKey("not a mandate")).toThrow(
      expect.objectContaining({ code: "GATEWAY_AP2_MANDATE_INVALID" }),
    );
    expect(() => buildAp2Headers({ intent: '{"a":1,"a":2}', cart: {} })).toThrow(
      expect.objectContaining({ code: "GATEWAY_AP2_MANDATE_INVALID", details: { field: "intent" } }),
    );
  });
});

describe("verifyAp2Mandates: unsigned (0.2.3) mandates", () => {
  const intent = intentPayload(edDid);
  const cart = cartPayload(edDid);

  it("refuses bare JSON mandates unless allowUnsigned", async () => {
    const headers = {
      [AP2_HEADERS.intentMandate]: JSON.stringify(intent),
      [AP2_HEADERS.cartMandate]: JSON.stringify(cart),
    };
    const result = await verifyAp2Mandates(headers, ARGS, ap2IdempotencyKey(cart), options([edDid]));
    expect(result).toEqual({ ok: false, reasons: ["ap2_signature_missing"] });
  });

  it("accepts them, marked unsigned, in observe mode", async () => {
    const headers = buildAp2Headers({ intent, cart });
    const result = await verifyAp2Mandates(
      headers,
      ARGS,
      headers["x-idempotency-key"],
      options([edDid], { allowUnsigned: true }),
    );
    expect(result).toMatchObject({ ok: true, verified: { signed: false, cartId: "cart-1" } });
  });

  it("never turns an internal failure into a throw", async () => {
    const headers = buildAp2Headers({ intent, cart });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const result = await verifyAp2Mandates(
      headers,
      cyclic,
      headers["x-idempotency-key"],
      options([edDid], { allowUnsigned: true }),
    );
    expect(result).toEqual({ ok: false, reasons: ["ap2_verification_error"] });
  });
});
