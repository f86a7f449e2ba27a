import { describe, expect, it } from "vitest";
import { authFailureResponse } from "./auth-failure-response.js";
import { GATEWAY_AUTH_ERRORS, GatewayAuthError } from "./gateway-auth-error.js";
import { authFailure } from "./map-jose-error.js";

describe("authFailureResponse", () => {
  it("answers 401 UNAUTHENTICATED with an invalid_token challenge", () => {
    expect(authFailureResponse(authFailure("token_expired"))).toEqual({
      status: 401,
      headers: { "www-authenticate": 'Bearer error="invalid_token"' },
      body: { error: "UNAUTHENTICATED" },
    });
  });

  it("sends a bare Bearer challenge when no credential was sent (RFC 6750 §3.1)", () => {
    expect(authFailureResponse(authFailure("token_missing")).headers).toEqual({
      "www-authenticate": "Bearer",
    });
  });

  it("answers 503 with Retry-After when the JWKS was unavailable", () => {
    expect(authFailureResponse(authFailure("jwks_unavailable"))).toMatchObject({
      status: 503,
      headers: { "retry-after": "10" },
    });
  });
});

describe("GatewayAuthError", () => {
  it("carries the code, reason and retryable flag, and serialises without cause", () => {
    const error = new GatewayAuthError("signature_invalid", "bad", {
      details: { joseCode: "X" },
      cause: new Error("inner"),
    });
    expect(Object.keys(GATEWAY_AUTH_ERRORS)).toContain(error.code);
    expect(error.toJSON()).toEqual({
      code: "GATEWAY_UNAUTHENTICATED",
      message: "bad",
      details: { joseCode: "X", reason: "signature_invalid", retryable: false },
    });
    // The caller's details cannot overwrite the reason.
    expect(new GatewayAuthError("token_expired", "m", { details: { reason: "other" } }).details?.reason).toBe(
      "token_expired",
    );
  });
});
