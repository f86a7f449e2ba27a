// The 0.2.3 API over the real verifier: every mandate 0.2.3 let through on its word (forged,
// expired, not yet valid, unsigned, from an unlisted issuer) is refused with a reason.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  ARGS,
  cartPayload,
  type DidWebHost,
  didDocument,
  didKeyOf,
  fixedClock,
  intentPayload,
  NOW_SEC,
  newKey,
  sign,
  startDidWebHost,
  type TestKey,
} from "./__fixtures__/ap2-fixtures.js";
import type { Ap2Config } from "./ap2-config.js";
import { computeArgsDigest } from "./compute-args-digest.js";
import { decodeCompactJwsPayload } from "./decode-compact-jws-payload.js";
import { createDidCache } from "./did-cache.js";
import { verifyAp2MandatesFromHeaders } from "./verify-ap2-mandates-from-headers.js";

const issuer = await newKey("EdDSA");
const attacker = await newKey("EdDSA");
const issuerDid = didKeyOf(issuer);
const attackerDid = didKeyOf(attacker);

const HEADERS = { intent: "x-ap2-intent-mandate", cart: "x-ap2-cart-mandate", bundle: "x-ap2-bundle" };

function config(trust: Partial<Ap2Config["trust"]> = {}, extra: Partial<Ap2Config> = {}): Ap2Config {
  return {
    enabled: true,
    headers: HEADERS,
    trust: { didMethods: ["did:key", "did:web"], issuersAllowlist: [issuerDid], ...trust },
    ...extra,
  };
}

const hooks = () => ({ clock: fixedClock, did: { cache: createDidCache() } });

async function pair(key: TestKey, did: string, intent = {}, cart = {}) {
  return {
    intent: await sign(key, intentPayload(did, intent)),
    cart: await sign(key, cartPayload(did, cart)),
  };
}

async function verify(
  headers: Record<string, string | string[] | undefined>,
  cfg: Ap2Config | undefined = config(),
  args: unknown = ARGS,
) {
  return verifyAp2MandatesFromHeaders(cfg, headers, args, hooks());
}

function asHeaders(mandates: { intent: string; cart: string }) {
  return { [HEADERS.intent]: mandates.intent, [HEADERS.cart]: mandates.cart };
}

describe("verifyAp2MandatesFromHeaders: genuine mandates", () => {
  it("accepts a signed pair from a listed did:key issuer with 0.2.3's result shape", async () => {
    const result = await verify(asHeaders(await pair(issuer, issuerDid)));
    expect(result).toEqual({
      ok: true,
      intentId: "intent-1",
      cartId: "cart-1",
      issuerDid,
      subjectDid: "did:key:user",
      constraintsDigest: expect.stringMatching(/^[0-9a-f]{64}$/),
      cartDigest: expect.stringMatching(/^[0-9a-f]{64}$/),
      signed: true,
    });
  });

  it("reads configured header names in any case, and the bundle", async () => {
    const { intent, cart } = await pair(issuer, issuerDid);
    const cfg = config({}, { headers: { intent: "X-Intent", cart: "X-Cart", bundle: "X-Bundle" } });
    expect((await verify({ "x-intent": intent, "X-CART": cart }, cfg)).ok).toBe(true);
    const bundle = JSON.stringify({ intentMandate: intent, cart });
    expect((await verify({ "x-bundle": bundle }, cfg)).ok).toBe(true);
  });

  it("accepts `exp` just past within clockSkewSec and never reports the idempotency binding", async () => {
    const mandates = await pair(issuer, issuerDid, {}, { exp: NOW_SEC - 30 });
    expect((await verify(asHeaders(mandates), config({ clockSkewSec: 60 }))).ok).toBe(true);
  });

  describe("from a did:web issuer on 127.0.0.1", () => {
    let host: DidWebHost;
    beforeEach(async () => {
      host = await startDidWebHost();
    });
    afterEach(async () => {
      await host.close();
    });

    it("verifies against the key its document publishes", async () => {
      const document = didDocument(host.did, [["key-1", issuer.publicJwk]]);
      host.handler = (request, response) => {
        if (request.url !== "/.well-known/did.json") return void response.writeHead(404).end();
        response.writeHead(200, { "content-type": "application/did+json" }).end(document);
      };
      const intent = await sign(issuer, intentPayload(host.did), { kid: "#key-1" });
      const cart = await sign(issuer, cartPayload(host.did), { kid: "#key-1" });
      const result = await verifyAp2MandatesFromHeaders(
        config({ issuersAllowlist: [host.did] }),
        asHeaders({ intent, cart }),
        ARGS,
        { clock: fixedClock, did: { cache: createDidCache(), allowInsecureHttp: true } },
      );
      expect(result).toMatchObject({ ok: true, issuerDid: host.did, signed: true });
    });
  });
});

describe("verifyAp2MandatesFromHeaders: hostile mandates 0.2.3 accepted", () => {
  it("refuses a forged pair: valid JWS naming the trusted issuer, signed by another key", async () => {
    const forged = await pair(attacker, issuerDid);
    // 0.2.3 only decoded the payload, which claims the trusted issuer:
    expect(decodeCompactJwsPayload(forged.cart)?.iss).toBe(issuerDid);
    const result = await verify(asHeaders(forged));
    expect(result).toMatchObject({ ok: false, reason: "ap2_signature_invalid" });
    expect(result.cartDigest).toBeUndefined();
  });

  it("refuses a genuine intent paired with a forged cart", async () => {
    const intent = await sign(issuer, intentPayload(issuerDid));
    const cart = await sign(attacker, cartPayload(issuerDid, { args: { ...ARGS, quantity: 100 } }));
    const result = await verify(asHeaders({ intent, cart }), config(), { ...ARGS, quantity: 100 });
    expect(result).toMatchObject({ ok: false, reason: "ap2_signature_invalid" });
  });

  it("refuses an expired mandate (exp beyond clockSkewSec)", async () => {
    const mandates = await pair(issuer, issuerDid, {}, { exp: NOW_SEC - 120 });
    const result = await verify(asHeaders(mandates), config({ clockSkewSec: 60 }));
    expect(result).toMatchObject({ ok: false, reason: "ap2_expired", reasons: ["ap2_expired"] });
  });

  it("refuses a mandate that is not yet valid (nbf beyond clockSkewSec)", async () => {
    const mandates = await pair(issuer, issuerDid, { nbf: NOW_SEC + 300 });
    const result = await verify(asHeaders(mandates), config({ clockSkewSec: 60 }));
    expect(result).toMatchObject({ ok: false, reason: "ap2_not_yet_valid" });
  });

  it("refuses a cart whose args digest differs from the call's", async () => {
    const mandates = await pair(issuer, issuerDid);
    const args = { ...ARGS, amount: { value: 999_999, currency: "EUR" } };
    expect(computeArgsDigest(args)).not.toBe(computeArgsDigest(ARGS));
    const result = await verify(asHeaders(mandates), config(), args);
    expect(result).toMatchObject({ ok: false, reason: "ap2_cart_mismatch" });
  });

  it("refuses header and bundle mandates that disagree", async () => {
    const genuine = await pair(issuer, issuerDid);
    const other = await pair(issuer, issuerDid, {}, { jti: "cart-2" });
    const cartConflict = await verify({
      ...asHeaders(genuine),
      [HEADERS.bundle]: JSON.stringify({ cart: other.cart }),
    });
    expect(cartConflict).toMatchObject({ ok: false, reason: "ap2_cart_mandate_conflict" });
    const intentConflict = await verify({
      ...asHeaders(genuine),
      [HEADERS.bundle]: JSON.stringify({ intentMandate: other.cart }),
    });
    expect(intentConflict).toMatchObject({ ok: false, reason: "ap2_intent_mandate_conflict" });
  });

  it("refuses an issuer DID that is not in issuersAllowlist, even with a valid signature", async () => {
    const result = await verify(asHeaders(await pair(attacker, attackerDid)));
    expect(result).toMatchObject({ ok: false, reason: "ap2_vc_untrusted" });
  });

  it("refuses an issuer of a DID method not in didMethods", async () => {
    const result = await verify(
      asHeaders(await pair(issuer, issuerDid)),
      config({ didMethods: ["did:web"] }),
    );
    expect(result).toMatchObject({ ok: false, reason: "ap2_vc_untrusted" });
  });

  it("trusts nobody without issuersAllowlist (0.2.3 trusted every issuer of an allowed method)", async () => {
    const result = await verify(
      asHeaders(await pair(issuer, issuerDid)),
      config({ issuersAllowlist: undefined }),
    );
    expect(result).toMatchObject({ ok: false, reason: "ap2_vc_untrusted" });
  });

  it("matches issuersAllowlist exactly: a case-folded did:key is another key", async () => {
    const cfg = config({ issuersAllowlist: [issuerDid.toLowerCase()] });
    const result = await verify(asHeaders(await pair(issuer, issuerDid)), cfg);
    expect(result).toMatchObject({ ok: false, reason: "ap2_vc_untrusted" });
  });

  it("refuses unsigned JSON mandates unless allowUnsigned is set", async () => {
    const headers = {
      [HEADERS.intent]: JSON.stringify(intentPayload(issuerDid)),
      [HEADERS.cart]: JSON.stringify(cartPayload(issuerDid)),
    };
    expect(await verify(headers)).toMatchObject({ ok: false, reason: "ap2_signature_missing" });
    expect(await verify(headers, config({ allowUnsigned: true }))).toMatchObject({ ok: true, signed: false });
  });

  it("refuses an unsigned JWS (alg none)", async () => {
    const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const none = (payload: unknown) => `${b64({ alg: "none" })}.${b64(payload)}.`;
    const headers = asHeaders({ intent: none(intentPayload(issuerDid)), cart: none(cartPayload(issuerDid)) });
    expect(await verify(headers)).toMatchObject({ ok: false, reason: "ap2_algorithm_not_allowed" });
  });
});

describe("verifyAp2MandatesFromHeaders: 0.2.3's other outcomes", () => {
  it("reports a missing intent and a missing cart", async () => {
    const { intent, cart } = await pair(issuer, issuerDid);
    expect(await verify({ [HEADERS.cart]: cart })).toMatchObject({ ok: false, reason: "ap2_intent_missing" });
    expect(await verify({ [HEADERS.intent]: intent })).toMatchObject({
      ok: false,
      reason: "ap2_mandate_missing",
    });
  });

  it("reports id conflicts inside a mandate", async () => {
    const mandates = await pair(issuer, issuerDid, {}, { id: "cart-other" });
    expect(await verify(asHeaders(mandates))).toMatchObject({ ok: false, reason: "ap2_cart_id_conflict" });
  });

  it("is ap2_verification_error for an unusable config, and never throws", async () => {
    const headers = asHeaders(await pair(issuer, issuerDid));
    expect(await verifyAp2MandatesFromHeaders(undefined, headers, ARGS)).toMatchObject({
      ok: false,
      reason: "ap2_verification_error",
    });
    const noBundle = { ...config(), headers: { intent: HEADERS.intent, cart: HEADERS.cart, bundle: "" } };
    expect(await verify(headers, noBundle)).toMatchObject({ ok: false, reason: "ap2_verification_error" });
    expect(await verify(headers, config({ didMethods: [] }))).toMatchObject({
      ok: false,
      reason: "ap2_verification_error",
    });
    expect(await verify(headers, config({ clockSkewSec: -1 }))).toMatchObject({
      ok: false,
      reason: "ap2_verification_error",
    });
  });
});
