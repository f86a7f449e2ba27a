import { isSec0Error } from "@sec0/core";
import { describe, expect, it } from "vitest";
import type { AuthenticatorOptions } from "./authenticator-options.js";
import { createAuthenticator } from "./create-authenticator.js";
import { resolveAuthenticatorOptions } from "./resolve-authenticator-options.js";

const oidc = { issuer: "https://idp.test", audience: "gw", jwksUri: "https://idp.test/jwks" };

function fieldOf(options: AuthenticatorOptions): unknown {
  try {
    createAuthenticator(options);
    return undefined;
  } catch (error) {
    expect(isSec0Error(error, "GATEWAY_AUTH_CONFIG_INVALID")).toBe(true);
    return (error as { details?: { field?: unknown } }).details?.field;
  }
}

describe("resolveAuthenticatorOptions", () => {
  it("applies the 0.2.3 defaults", () => {
    const resolved = resolveAuthenticatorOptions({ tenant: "acme", mode: "enforce", oidc });
    expect(resolved.oidc).toMatchObject({
      algorithms: ["RS256", "ES256", "EdDSA", "PS256"],
      clockToleranceSec: 60,
      claims: {
        tenant: "org",
        user: "email",
        roles: "roles",
        subject: "sub",
        clientId: ["azp", "client_id"],
      },
    });
    expect(resolved).toMatchObject({
      tenants: ["acme"],
      restrictTenants: false,
      jwksTimeoutMs: 5000,
      jwksCooldownMs: 10_000,
    });
  });

  it.each(["HS256", "hs384", "HS512"])("refuses %s at construction with a clear error", (alg) => {
    try {
      createAuthenticator({ tenant: "acme", mode: "enforce", oidc: { ...oidc, algorithms: ["ES256", alg] } });
      expect.unreachable();
    } catch (error) {
      expect(isSec0Error(error, "GATEWAY_AUTH_CONFIG_INVALID")).toBe(true);
      expect((error as Error).message).toMatch(/shared-secret algorithm/);
    }
  });

  it("refuses none, unknown algorithms and an empty list", () => {
    for (const algorithms of [["none"], ["ES256K"], []]) {
      expect(fieldOf({ tenant: "acme", mode: "enforce", oidc: { ...oidc, algorithms } })).toBe(
        "oidc.algorithms",
      );
    }
  });

  it("refuses a plain-http JWKS URI except on loopback, and credentials in it", () => {
    expect(
      fieldOf({ tenant: "acme", mode: "enforce", oidc: { ...oidc, jwksUri: "http://idp.test/jwks" } }),
    ).toBe("oidc.jwksUri");
    expect(
      fieldOf({ tenant: "acme", mode: "enforce", oidc: { ...oidc, jwksUri: "https://u:p@idp.test/jwks" } }),
    ).toBe("oidc.jwksUri");
    expect(fieldOf({ tenant: "acme", mode: "enforce", oidc: { ...oidc, jwksUri: "not a url" } })).toBe(
      "oidc.jwksUri",
    );
    expect(
      fieldOf({ tenant: "acme", mode: "enforce", oidc: { ...oidc, jwksUri: "http://127.0.0.1:1/jwks" } }),
    ).toBeUndefined();
  });

  it("refuses bad tenants, audiences, durations and modes", () => {
    expect(fieldOf({ tenant: "", mode: "enforce" })).toBe("tenant");
    expect(fieldOf({ tenant: "acme", tenants: ["globex"], mode: "enforce" })).toBe("tenants");
    expect(fieldOf({ tenant: "acme", mode: "enforce", oidc: { ...oidc, audience: [] } })).toBe(
      "oidc.audience",
    );
    expect(fieldOf({ tenant: "acme", mode: "enforce", oidc: { ...oidc, clockToleranceSec: -1 } })).toBe(
      "oidc.clockToleranceSec",
    );
    expect(fieldOf({ tenant: "acme", mode: "enforce", jwksTimeoutMs: Number.NaN })).toBe("jwksTimeoutMs");
    expect(fieldOf({ tenant: "acme", mode: "strict" as "enforce" })).toBe("mode");
  });

  it("refuses malformed API-key entries without echoing the digest", () => {
    const sha256 = "a".repeat(64);
    expect(
      fieldOf({
        tenant: "acme",
        mode: "enforce",
        apiKeys: [{ id: "k", sha256: "plain-key", tenant: "acme" }],
      }),
    ).toBe("apiKeys[0].sha256");
    expect(fieldOf({ tenant: "acme", mode: "enforce", apiKeys: [{ id: "", sha256, tenant: "acme" }] })).toBe(
      "apiKeys[0].id",
    );
    expect(fieldOf({ tenant: "acme", mode: "enforce", apiKeys: [{ id: "k", sha256, tenant: "" }] })).toBe(
      "apiKeys[0].tenant",
    );
    const twice = [
      { id: "k", sha256, tenant: "acme" },
      { id: "k", sha256: "b".repeat(64), tenant: "acme" },
    ];
    expect(fieldOf({ tenant: "acme", mode: "enforce", apiKeys: twice })).toBe("apiKeys");
    try {
      createAuthenticator({
        tenant: "acme",
        mode: "enforce",
        apiKeys: [{ id: "k", sha256: "secret-material", tenant: "acme" }],
      });
    } catch (error) {
      expect(JSON.stringify(error) + (error as Error).message).not.toContain("secret-material");
    }
  });
});
