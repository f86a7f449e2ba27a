import { createFixedClock } from "@sec0/testkit";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  createIdpKey,
  type IdpKey,
  type LocalIdp,
  signToken,
  startLocalIdp,
} from "./__fixtures__/local-idp.js";
import { authFailureResponse } from "./auth-failure-response.js";
import { createAuthenticator } from "./create-authenticator.js";
import { GatewayAuthError } from "./gateway-auth-error.js";

const clock = createFixedClock(Date.UTC(2026, 5, 1));
let idp: LocalIdp;
let key: IdpKey;
let jwt: string;

function authenticator(jwksUri = idp.jwksUri, jwksTimeoutMs?: number) {
  return createAuthenticator({
    tenant: "acme",
    mode: "enforce",
    clock,
    jwksTimeoutMs,
    oidc: { issuer: idp.issuer, audience: "gw", jwksUri },
  });
}

async function failure(promise: Promise<unknown>): Promise<GatewayAuthError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(GatewayAuthError);
  return error as GatewayAuthError;
}

beforeAll(async () => {
  key = await createIdpKey("ES256", "k1");
  idp = await startLocalIdp([key]);
  jwt = await signToken(key, { iss: idp.issuer, aud: "gw", exp: Math.floor(clock.now() / 1000) + 300 });
});
afterAll(() => idp.close());
afterEach(() => idp.setMode("ok"));

describe("JWKS unavailable", () => {
  it.each(["error", "not_json", "huge"] as const)(
    "answers jwks_unavailable (retryable, 503) when the JWKS endpoint is %s",
    async (mode) => {
      idp.setMode(mode);
      const auth = authenticator();
      const error = await failure(auth.authenticate({ authorization: `Bearer ${jwt}` }));
      expect(error.reason).toBe("jwks_unavailable");
      expect(error.details).toMatchObject({ reason: "jwks_unavailable", retryable: true });
      expect(authFailureResponse(error)).toEqual({
        status: 503,
        headers: { "retry-after": "10" },
        body: { error: "UNAUTHENTICATED" },
      });
      expect(await auth.ready()).toMatchObject({
        ok: false,
        detail: expect.stringMatching(/^jwks_unavailable: /),
      });
      idp.setMode("ok");
      expect(await auth.ready()).toEqual({ ok: true });
      await expect(auth.authenticate({ authorization: `Bearer ${jwt}` })).resolves.toMatchObject({
        scheme: "bearer",
      });
    },
  );

  it("does not hang on a JWKS endpoint that never answers", async () => {
    idp.setMode("hang");
    const auth = authenticator(idp.jwksUri, 300);
    const started = performance.now();
    const error = await failure(auth.authenticate({ authorization: `Bearer ${jwt}` }));
    expect(error.reason).toBe("jwks_unavailable");
    expect(error.details?.jwksProblem).toBe("JWKS request timed out");
    expect(performance.now() - started).toBeLessThan(3000);
    expect((await auth.ready()).ok).toBe(false);
  });

  it("answers jwks_unavailable when nothing listens on the JWKS port", async () => {
    const auth = authenticator("http://127.0.0.1:9/jwks");
    const error = await failure(auth.authenticate({ authorization: `Bearer ${jwt}` }));
    expect(error.reason).toBe("jwks_unavailable");
    expect(await auth.ready()).toMatchObject({ ok: false });
  });

  it("fails closed after close()", async () => {
    const auth = authenticator();
    expect(await auth.ready()).toEqual({ ok: true });
    auth.close();
    expect((await failure(auth.authenticate({ authorization: `Bearer ${jwt}` }))).reason).toBe(
      "jwks_unavailable",
    );
    expect(await auth.ready()).toEqual({ ok: false, detail: "authenticator is closed" });
  });
});
