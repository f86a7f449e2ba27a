import { sha256Hex } from "@sec0/core";
import { createFixedClock } from "@sec0/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createIdpKey,
  type IdpKey,
  type LocalIdp,
  reasonOf,
  signToken,
  startLocalIdp,
} from "./__fixtures__/local-idp.js";
import type { AuthenticatorOptions } from "./authenticator-options.js";
import { createAuthenticator } from "./create-authenticator.js";

const clock = createFixedClock(Date.UTC(2026, 5, 1));
const now = () => Math.floor(clock.now() / 1000);
let idp: LocalIdp;
let key: IdpKey;

function options(overrides: Partial<AuthenticatorOptions> = {}): AuthenticatorOptions {
  return {
    tenant: "acme",
    mode: "enforce",
    clock,
    oidc: { issuer: idp.issuer, audience: "gw", jwksUri: idp.jwksUri },
    ...overrides,
  };
}

function token(extra: Record<string, unknown> = {}): Promise<string> {
  return signToken(key, { iss: idp.issuer, aud: "gw", sub: "u-1", org: "acme", exp: now() + 300, ...extra });
}

beforeAll(async () => {
  key = await createIdpKey("ES256", "k1");
  idp = await startLocalIdp([key]);
});
afterAll(() => idp.close());

describe("createAuthenticator: tenants", () => {
  it("maps custom claim names", async () => {
    const oidc = {
      issuer: idp.issuer,
      audience: "gw",
      jwksUri: idp.jwksUri,
      claims: {
        tenant: "https://acme.test/tenant",
        user: "preferred_username",
        roles: "groups",
        subject: "oid",
        client_id: "appid",
      },
    };
    const auth = createAuthenticator(options({ oidc, tenants: ["acme", "globex"] }));
    const jwt = await token({
      "https://acme.test/tenant": "globex",
      preferred_username: "ada",
      groups: "a,b",
      oid: "o-9",
      appid: "app-1",
      azp: "ignored",
    });
    expect(await auth.authenticate({ authorization: `Bearer ${jwt}` })).toMatchObject({
      tenant: "globex",
      user: "ada",
      userId: "o-9",
      roles: ["a", "b"],
      clientId: "app-1",
      agentId: "app-1",
    });
  });

  it("uses the gateway's single tenant when the token has no tenant claim", async () => {
    const jwt = await token({ org: undefined });
    expect(
      (await createAuthenticator(options()).authenticate({ authorization: `Bearer ${jwt}` })).tenant,
    ).toBe("acme");
  });

  it("refuses a token without a tenant claim when the gateway serves several tenants", async () => {
    const jwt = await token({ org: undefined });
    const auth = createAuthenticator(options({ tenants: ["acme", "globex"] }));
    expect(await reasonOf(auth.authenticate({ authorization: `Bearer ${jwt}` }))).toBe("tenant_missing");
  });

  it("refuses a token tenant outside an explicit tenants list, and a non-string tenant claim", async () => {
    const auth = createAuthenticator(options({ tenants: ["acme", "globex"] }));
    expect(
      await reasonOf(auth.authenticate({ authorization: `Bearer ${await token({ org: "initech" })}` })),
    ).toBe("tenant_mismatch");
    expect(
      await reasonOf(auth.authenticate({ authorization: `Bearer ${await token({ org: ["acme"] })}` })),
    ).toBe("token_malformed");
  });

  it("refuses an x-tenant header that differs from the token's tenant, and accepts an equal one", async () => {
    const auth = createAuthenticator(options());
    const jwt = await token({ org: "acme" });
    expect(await reasonOf(auth.authenticate({ authorization: `Bearer ${jwt}`, "x-tenant": "globex" }))).toBe(
      "tenant_mismatch",
    );
    expect(
      await reasonOf(auth.authenticate({ authorization: `Bearer ${jwt}`, "x-tenant": ["acme", "globex"] })),
    ).toBe("tenant_mismatch");
    await expect(
      auth.authenticate({ authorization: `Bearer ${jwt}`, "x-tenant": "acme" }),
    ).resolves.toMatchObject({ tenant: "acme" });
  });

  it("without authn configured, is the gateway's tenant and refuses a differing x-tenant", async () => {
    const auth = createAuthenticator({ tenant: "acme", mode: "enforce" });
    expect(await auth.authenticate({ authorization: "Bearer whatever" })).toEqual({
      scheme: "none",
      tenant: "acme",
      roles: [],
    });
    expect(await reasonOf(auth.authenticate({ "x-tenant": "globex" }))).toBe("tenant_mismatch");
    expect(await auth.ready()).toEqual({ ok: true });
  });

  it("lets calls without a credential through only in observe mode with allowUnauthenticated", async () => {
    const observe = createAuthenticator(options({ mode: "observe", allowUnauthenticated: true }));
    expect(await observe.authenticate({})).toEqual({ scheme: "none", tenant: "acme", roles: [] });
    // An invalid credential is still refused: allowUnauthenticated is about absent credentials.
    expect(await reasonOf(observe.authenticate({ authorization: "Bearer a.b.c" }))).toBe("token_malformed");
    const warnings: object[] = [];
    const logger = { debug() {}, info() {}, error() {}, warn: (obj: object) => warnings.push(obj) };
    const enforce = createAuthenticator(options({ mode: "enforce", allowUnauthenticated: true, logger }));
    expect(await reasonOf(enforce.authenticate({}))).toBe("token_missing");
    expect(warnings).toEqual([{ option: "allowUnauthenticated", mode: "enforce" }]);
  });
});

describe("createAuthenticator: API keys", () => {
  const key1 = "sec0_live_4f1c2a9be07d4e33a1c5";
  const apiKeys = [
    { id: "ci", sha256: sha256Hex(key1), tenant: "acme", roles: ["deployer"] },
    { id: "bot", sha256: sha256Hex("sec0_live_other-key-000000000").toUpperCase(), tenant: "globex" },
  ];

  it("accepts a right key by x-api-key or as a non-JWT bearer", async () => {
    const auth = createAuthenticator({ tenant: "acme", mode: "enforce", apiKeys });
    const expected = {
      scheme: "api_key",
      tenant: "acme",
      roles: ["deployer"],
      clientId: "ci",
      agentId: "ci",
    };
    expect(await auth.authenticate({ "x-api-key": key1 })).toEqual(expected);
    expect(await auth.authenticate({ authorization: `Bearer ${key1}` })).toEqual(expected);
    expect((await auth.authenticate({ "x-api-key": "sec0_live_other-key-000000000" })).tenant).toBe("globex");
  });

  it("refuses a wrong key, a same-length wrong key and an empty-ish key", async () => {
    const auth = createAuthenticator({ tenant: "acme", mode: "enforce", apiKeys });
    const sameLength = `${key1.slice(0, -1)}${key1.endsWith("5") ? "6" : "5"}`;
    expect(sameLength).toHaveLength(key1.length);
    expect(await reasonOf(auth.authenticate({ "x-api-key": sameLength }))).toBe("api_key_invalid");
    expect(await reasonOf(auth.authenticate({ "x-api-key": "nope" }))).toBe("api_key_invalid");
    expect(await reasonOf(auth.authenticate({ authorization: `Bearer ${sameLength}` }))).toBe(
      "api_key_invalid",
    );
    expect(await reasonOf(auth.authenticate({}))).toBe("token_missing");
  });

  it("refuses an API key whose tenant differs from x-tenant", async () => {
    const auth = createAuthenticator({ tenant: "acme", mode: "enforce", apiKeys });
    expect(await reasonOf(auth.authenticate({ "x-api-key": key1, "x-tenant": "globex" }))).toBe(
      "tenant_mismatch",
    );
  });

  it("checks a JWT-shaped bearer as a JWT even when API keys are configured", async () => {
    const auth = createAuthenticator(options({ apiKeys }));
    await expect(auth.authenticate({ authorization: `Bearer ${await token()}` })).resolves.toMatchObject({
      scheme: "bearer",
    });
    const noOidc = createAuthenticator({ tenant: "acme", mode: "enforce", apiKeys });
    expect(await reasonOf(noOidc.authenticate({ authorization: `Bearer ${await token()}` }))).toBe(
      "key_unknown",
    );
  });
});
