import { createFixedClock } from "@sec0/testkit";
import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createIdpKey,
  forgeToken,
  type IdpKey,
  type LocalIdp,
  signToken,
  startLocalIdp,
} from "./__fixtures__/local-idp.js";
import type { AuthenticatorOptions } from "./authenticator-options.js";
import { type Authenticator, createAuthenticator } from "./create-authenticator.js";
import { type AuthFailureReason, GatewayAuthError } from "./gateway-auth-error.js";

const clock = createFixedClock(Date.UTC(2026, 5, 1));
const now = () => Math.floor(clock.now() / 1000);
let idp: LocalIdp;
let keys: Record<"es" | "rs" | "ed" | "ps", IdpKey>;

function options(overrides: Partial<AuthenticatorOptions> = {}): AuthenticatorOptions {
  return {
    tenant: "acme",
    mode: "enforce",
    clock,
    oidc: { issuer: idp.issuer, audience: ["sec0-gateway", "other"], jwksUri: idp.jwksUri },
    ...overrides,
  };
}

function claims(extra: Record<string, unknown> = {}) {
  return {
    iss: idp.issuer,
    aud: "sec0-gateway",
    sub: "u-1",
    email: "ada@acme.test",
    org: "acme",
    iat: now(),
    exp: now() + 300,
    ...extra,
  };
}

async function refusal(auth: Authenticator, headers: Record<string, string>): Promise<AuthFailureReason> {
  const error = await auth.authenticate(headers).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(GatewayAuthError);
  const authError = error as GatewayAuthError;
  expect(authError.code).toBe("GATEWAY_UNAUTHENTICATED");
  expect(authError.details?.reason).toBe(authError.reason);
  // No credential ever appears in what a log would print.
  expect(JSON.stringify(authError.toJSON())).not.toContain(headers.authorization?.slice(7, 40) ?? "\u0000");
  return authError.reason;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

beforeAll(async () => {
  keys = {
    es: await createIdpKey("ES256", "es-1"),
    rs: await createIdpKey("RS256", "rs-1"),
    ed: await createIdpKey("EdDSA", "ed-1"),
    ps: await createIdpKey("PS256", "ps-1"),
  };
  idp = await startLocalIdp(Object.values(keys));
});
afterAll(() => idp.close());

describe("createAuthenticator: bearer JWTs", () => {
  it.each(["es", "rs", "ed", "ps"] as const)(
    "accepts a valid %s token and maps the 0.2.3 claims",
    async (name) => {
      const auth = createAuthenticator(options());
      const token = await signToken(keys[name], claims({ roles: ["admin", "ops"], azp: "agent-7" }));
      const principal = await auth.authenticate(bearer(token));
      expect(principal).toMatchObject({
        scheme: "bearer",
        tenant: "acme",
        user: "ada@acme.test",
        userId: "u-1",
        roles: ["admin", "ops"],
        clientId: "agent-7",
        agentId: "agent-7",
        claims: { sub: "u-1", iss: idp.issuer, aud: "sec0-gateway", exp: now() + 300, iat: now() },
      });
      expect(principal.tokenSha256).toMatch(/^[0-9a-f]{64}$/);
    },
  );

  it("falls back to client_id, and agentId to sub when the token names no user", async () => {
    const auth = createAuthenticator(options());
    const machine = await signToken(keys.es, claims({ email: undefined, client_id: "svc-1" }));
    expect(await auth.authenticate(bearer(machine))).toMatchObject({ clientId: "svc-1", agentId: "svc-1" });
    const bare = await signToken(keys.es, claims({ email: undefined }));
    expect(await auth.authenticate(bearer(bare))).toMatchObject({ agentId: "u-1", userId: "u-1" });
    const human = await signToken(keys.es, claims());
    expect((await auth.authenticate(bearer(human))).agentId).toBeUndefined();
  });

  it("reads roles from a comma-separated string", async () => {
    const auth = createAuthenticator(options());
    const token = await signToken(keys.es, claims({ roles: "admin, ops,,admin" }));
    expect((await auth.authenticate(bearer(token))).roles).toEqual(["admin", "ops"]);
  });

  it("refuses a roles claim that is not strings", async () => {
    const token = await signToken(keys.es, claims({ roles: ["admin", 7] }));
    expect(await refusal(createAuthenticator(options()), bearer(token))).toBe("token_malformed");
  });

  it("accepts exp up to 60 s in the past and nbf up to 60 s ahead (clock tolerance), not beyond", async () => {
    const auth = createAuthenticator(options());
    const lenient = await signToken(keys.es, claims({ exp: now() - 59, nbf: now() + 59 }));
    await expect(auth.authenticate(bearer(lenient))).resolves.toMatchObject({ scheme: "bearer" });
    const expired = await signToken(keys.es, claims({ exp: now() - 61 }));
    expect(await refusal(auth, bearer(expired))).toBe("token_expired");
    const early = await signToken(keys.es, claims({ nbf: now() + 61 }));
    expect(await refusal(auth, bearer(early))).toBe("token_not_yet_valid");
  });

  it("requires exp", async () => {
    const token = await signToken(keys.es, claims({ exp: undefined }));
    expect(await refusal(createAuthenticator(options()), bearer(token))).toBe("token_malformed");
  });

  it("refuses a wrong issuer and a wrong audience", async () => {
    const auth = createAuthenticator(options());
    expect(await refusal(auth, bearer(await signToken(keys.es, claims({ iss: "https://evil.test" }))))).toBe(
      "issuer_mismatch",
    );
    expect(await refusal(auth, bearer(await signToken(keys.es, claims({ aud: "someone-else" }))))).toBe(
      "audience_mismatch",
    );
  });

  it("refuses alg none, with or without a signature, in any case", async () => {
    const auth = createAuthenticator(options());
    for (const alg of ["none", "NONE", "None"]) {
      expect(await refusal(auth, bearer(forgeToken({ alg }, claims())))).toBe("algorithm_not_allowed");
      expect(await refusal(auth, bearer(forgeToken({ alg, kid: "es-1" }, claims(), "c2ln")))).toBe(
        "algorithm_not_allowed",
      );
    }
  });

  it("refuses HS256 signed with the public key (key confusion)", async () => {
    const auth = createAuthenticator(options());
    for (const secret of [JSON.stringify(keys.rs.publicJwk), keys.rs.publicJwk.n ?? ""]) {
      const token = await new SignJWT(claims())
        .setProtectedHeader({ alg: "HS256", kid: "rs-1" })
        .sign(new TextEncoder().encode(secret));
      expect(await refusal(auth, bearer(token))).toBe("algorithm_not_allowed");
    }
  });

  it("refuses an algorithm left out of the configured list", async () => {
    const oidc = {
      issuer: idp.issuer,
      audience: "sec0-gateway",
      jwksUri: idp.jwksUri,
      algorithms: ["ES256"],
    };
    const token = await signToken(keys.rs, claims());
    expect(await refusal(createAuthenticator(options({ oidc })), bearer(token))).toBe(
      "algorithm_not_allowed",
    );
  });

  it("refuses a tampered signature, a tampered payload and a key the IdP never published", async () => {
    const auth = createAuthenticator(options());
    const token = await signToken(keys.es, claims());
    const [header, payload, signature = ""] = token.split(".");
    const flipped = `${signature[0] === "A" ? "B" : "A"}${signature.slice(1)}`;
    expect(await refusal(auth, bearer(`${header}.${payload}.${flipped}`))).toBe("signature_invalid");
    const other = Buffer.from(JSON.stringify(claims({ org: "globex" }))).toString("base64url");
    expect(await refusal(auth, bearer(`${header}.${other}.${signature}`))).toBe("signature_invalid");
    const stranger = await createIdpKey("ES256", "es-1");
    expect(await refusal(auth, bearer(await signToken(stranger, claims())))).toBe("signature_invalid");
  });

  it("refuses a typ that is not a JWT type, and accepts at+jwt", async () => {
    const auth = createAuthenticator(options());
    expect(await refusal(auth, bearer(await signToken(keys.es, claims(), { typ: "dpop+jwt" })))).toBe(
      "token_malformed",
    );
    await expect(
      auth.authenticate(bearer(await signToken(keys.es, claims(), { typ: "at+jwt" }))),
    ).resolves.toBeDefined();
  });

  it("refuses a token over 8 KiB before parsing it", async () => {
    const auth = createAuthenticator(options());
    const hitsBefore = idp.hits();
    const token = await signToken(keys.es, claims({ pad: "x".repeat(8200) }));
    expect(token.length).toBeGreaterThan(8192);
    expect(await refusal(auth, bearer(token))).toBe("token_malformed");
    expect(idp.hits()).toBe(hitsBefore);
  });

  it("refuses crit and b64 header extensions", async () => {
    const auth = createAuthenticator(options());
    const token = await signToken(keys.es, claims(), { crit: ["exp"] }).catch(() =>
      forgeToken({ alg: "ES256", crit: ["exp"] }, claims(), "c2ln"),
    );
    expect(await refusal(auth, bearer(token))).toBe("token_malformed");
  });
});
