import { createFixedClock } from "@sec0/testkit";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import {
  createIdpKey,
  type IdpKey,
  type LocalIdp,
  reasonOf,
  signToken,
  startLocalIdp,
} from "./__fixtures__/local-idp.js";
import { createAuthenticator } from "./create-authenticator.js";

const clock = createFixedClock(Date.UTC(2026, 5, 1));
const now = () => Math.floor(clock.now() / 1000);
let idp: LocalIdp;
let first: IdpKey;
let second: IdpKey;

function token(key: IdpKey, kid = key.kid): Promise<string> {
  return signToken(key, { iss: idp.issuer, aud: "gw", sub: "u-1", exp: now() + 300 }, { kid });
}

// Every token verified again on every call: these tests are about the key set, not the cache of
// verified tokens (verified-token-cache.test.ts).
function authenticator() {
  return createAuthenticator({
    tenant: "acme",
    mode: "enforce",
    clock,
    verifiedTokenTtlMs: 0,
    oidc: { issuer: idp.issuer, audience: "gw", jwksUri: idp.jwksUri },
  });
}

beforeAll(async () => {
  first = await createIdpKey("ES256", "2026-01");
  second = await createIdpKey("RS256", "2026-02");
  idp = await startLocalIdp([first]);
});
afterAll(() => idp.close());
afterEach(() => {
  vi.useRealTimers();
  idp.serve([first]);
});

describe("JWKS caching and rotation", () => {
  it("fetches the JWKS once for many requests", async () => {
    const auth = authenticator();
    const before = idp.hits();
    const jwt = await token(first);
    await Promise.all(
      Array.from({ length: 20 }, () => auth.authenticate({ authorization: `Bearer ${jwt}` })),
    );
    for (let i = 0; i < 5; i++) await auth.authenticate({ authorization: `Bearer ${jwt}` });
    expect(idp.hits() - before).toBe(1);
  });

  it("picks up a rotated key without a restart, refetching at most once per 10 s under an unknown-kid flood", async () => {
    // jose's cooldown reads Date.now(): fake only Date, so sockets and timeouts stay real.
    vi.useFakeTimers({ toFake: ["Date"] });
    const auth = authenticator();
    const before = idp.hits();
    await auth.authenticate({ authorization: `Bearer ${await token(first)}` });
    expect(idp.hits() - before).toBe(1);

    idp.serve([first, second]);
    const rotated = `Bearer ${await token(second)}`;
    // Within 10 s of the last fetch an unknown kid is not worth a refetch.
    expect(await reasonOf(auth.authenticate({ authorization: rotated }))).toBe("key_unknown");
    expect(idp.hits() - before).toBe(1);

    vi.setSystemTime(Date.now() + 10_001);
    const bogus = await Promise.all(Array.from({ length: 100 }, (_, i) => token(first, `unknown-${i}`)));
    const reasons = await Promise.all(
      bogus.map((jwt) => reasonOf(auth.authenticate({ authorization: `Bearer ${jwt}` }))),
    );
    expect(new Set(reasons)).toEqual(new Set(["key_unknown"]));
    expect(idp.hits() - before).toBe(2);

    // The flood's one refetch brought the rotated key in.
    await expect(auth.authenticate({ authorization: rotated })).resolves.toMatchObject({ userId: "u-1" });
    const sequential = await Promise.all(
      bogus.slice(0, 10).map((jwt) => reasonOf(auth.authenticate({ authorization: `Bearer ${jwt}` }))),
    );
    expect(sequential.every((reason) => reason === "key_unknown")).toBe(true);
    expect(idp.hits() - before).toBe(2);

    vi.setSystemTime(Date.now() + 10_001);
    for (const jwt of bogus.slice(0, 50))
      await reasonOf(auth.authenticate({ authorization: `Bearer ${jwt}` }));
    expect(idp.hits() - before).toBe(3);
  });

  it("warms the cache in ready() so the first request does not fetch", async () => {
    const auth = authenticator();
    const before = idp.hits();
    expect(await auth.ready()).toEqual({ ok: true });
    expect(await auth.ready()).toEqual({ ok: true });
    await auth.authenticate({ authorization: `Bearer ${await token(first)}` });
    expect(idp.hits() - before).toBe(1);
  });

  it("refuses a token that two published keys match (duplicate kid) rather than guessing", async () => {
    const twin = await createIdpKey("ES256", first.kid);
    idp.serve([first, twin]);
    expect(
      await reasonOf(authenticator().authenticate({ authorization: `Bearer ${await token(first)}` })),
    ).toBe("key_unknown");
  });

  it("drops a key the IdP retired once the set is refetched", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const auth = authenticator();
    const old = `Bearer ${await token(first)}`;
    await auth.authenticate({ authorization: old });
    idp.serve([second]);
    vi.setSystemTime(Date.now() + 10 * 60_000 + 1); // past jose's 10-minute cache age
    expect(await reasonOf(auth.authenticate({ authorization: old }))).toBe("key_unknown");
    await expect(
      auth.authenticate({ authorization: `Bearer ${await token(second)}` }),
    ).resolves.toBeDefined();
  });
});
