import { describe, expect, it } from "vitest";
import { type GatewayAuthError, isGatewayAuthError } from "./gateway-auth-error.js";
import { readCredential, readRequestedTenant } from "./read-credential.js";

function reasonOf(read: () => unknown): string | undefined {
  try {
    read();
    return undefined;
  } catch (error) {
    expect(isGatewayAuthError(error)).toBe(true);
    return (error as GatewayAuthError).reason;
  }
}

describe("readCredential", () => {
  it("reads a bearer token (scheme in any case) and an x-api-key", () => {
    expect(readCredential({ authorization: "Bearer abc.def.ghi" })).toEqual({
      kind: "bearer",
      token: "abc.def.ghi",
    });
    expect(readCredential({ authorization: "bearer abc" })).toEqual({ kind: "bearer", token: "abc" });
    expect(readCredential({ authorization: ["BEARER abc"] })).toEqual({ kind: "bearer", token: "abc" });
    expect(readCredential({ "x-api-key": "k-1" })).toEqual({ kind: "api_key", key: "k-1" });
    expect(readCredential({ "x-other": "1" })).toEqual({ kind: "none" });
  });

  it.each([
    ["no scheme", "abc.def.ghi"],
    ["two spaces", "Bearer  abc"],
    ["trailing space", "Bearer abc "],
    ["a tab", "Bearer\tabc"],
    ["non-ASCII", "Bearer abcé"],
    ["a control character", "Bearer ab\u0000c"],
    ["an empty token", "Bearer "],
    ["another scheme", "Basic dXNlcjpwYXNz"],
    ["a space inside", "Bearer abc def"],
  ])("refuses an authorization header with %s", (_label, value) => {
    expect(reasonOf(() => readCredential({ authorization: value }))).toBe("token_malformed");
  });

  it("refuses oversized, repeated and competing credentials", () => {
    expect(reasonOf(() => readCredential({ authorization: `Bearer ${"a".repeat(8193)}` }))).toBe(
      "token_malformed",
    );
    expect(readCredential({ authorization: `Bearer ${"a".repeat(8192)}` }).kind).toBe("bearer");
    expect(reasonOf(() => readCredential({ "x-api-key": "a".repeat(8193) }))).toBe("token_malformed");
    expect(reasonOf(() => readCredential({ authorization: ["Bearer a", "Bearer b"] }))).toBe(
      "token_malformed",
    );
    expect(reasonOf(() => readCredential({ authorization: "Bearer a", "x-api-key": "b" }))).toBe(
      "token_malformed",
    );
    expect(reasonOf(() => readCredential({ "x-api-key": "key with space" }))).toBe("token_malformed");
    expect(reasonOf(() => readCredential({ "x-api-key": "kéy" }))).toBe("token_malformed");
  });

  it("never puts the credential into the error", () => {
    const secret = "Bearer s3cr3t-\u00e9-value";
    try {
      readCredential({ authorization: secret });
    } catch (error) {
      expect(JSON.stringify((error as GatewayAuthError).toJSON())).not.toContain("s3cr3t");
      expect((error as Error).message).not.toContain("s3cr3t");
    }
    expect.assertions(2);
  });
});

describe("readRequestedTenant", () => {
  it("reads x-tenant and refuses conflicting repeats", () => {
    expect(readRequestedTenant({})).toBeUndefined();
    expect(readRequestedTenant({ "x-tenant": "acme" })).toBe("acme");
    expect(readRequestedTenant({ "x-tenant": ["acme", "acme"] })).toBe("acme");
    expect(reasonOf(() => readRequestedTenant({ "x-tenant": ["acme", "globex"] }))).toBe("tenant_mismatch");
  });
});
