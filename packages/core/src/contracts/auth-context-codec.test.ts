import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  buildIdentityContext,
  encodeIdentityContextHeader,
  parseIdentityContextHeader,
} from "./auth-context-codec.js";

const sha = (text: string) => createHash("sha256").update(text).digest("hex");
const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const jwt = (claims: unknown) => `${b64url({ alg: "none" })}.${b64url(claims)}.sig`;

describe("buildIdentityContext", () => {
  it("prefers a caller-computed user hash", () => {
    expect(
      buildIdentityContext({ userHash: "h1", userId: "u", authorization: "Bearer t", tenant: "acme" }),
    ).toEqual({
      scheme: "prehashed",
      user_hash: "h1",
      tenant: "acme",
    });
  });

  it("reads an assertion (JWS payload or JSON) without verifying it", () => {
    expect(buildIdentityContext({ assertion: jwt({ sub: "alice", tenant: "acme" }) })).toEqual({
      scheme: "assertion",
      user_hash: sha("alice"),
      tenant: "acme",
    });
    expect(buildIdentityContext({ assertion: '{"user_hash":"pre"}', roles: ["ops"] })).toEqual({
      scheme: "assertion",
      user_hash: "pre",
      roles: ["ops"],
    });
  });

  it("falls back to a hashed user id, then the authorization token", () => {
    expect(buildIdentityContext({ assertion: "garbage", userId: "bob" })).toEqual({
      scheme: "prehashed",
      user_hash: sha("bob"),
    });
    const token = jwt({ sub: "carol", iss: "https://idp", aud: ["api"], exp: 10, extra: "dropped" });
    expect(buildIdentityContext({ authorization: `Bearer ${token}` })).toEqual({
      scheme: "bearer",
      user_hash: sha("carol"),
      token_sha256: sha(token),
      jwt: { sub: "carol", iss: "https://idp", aud: ["api"], exp: 10 },
    });
    expect(buildIdentityContext({ authorization: "Bearer opaque" })).toEqual({
      scheme: "bearer",
      token_sha256: sha("opaque"),
    });
    expect(buildIdentityContext({})).toEqual({ scheme: "none" });
  });
});

describe("x-auth-context header", () => {
  it("round-trips and ignores bad values", () => {
    const context = buildIdentityContext({ authorization: "Bearer abc", tenant: "acme" });
    expect(parseIdentityContextHeader(encodeIdentityContextHeader(context))).toEqual(context);
    expect(parseIdentityContextHeader("not json")).toBeUndefined();
    expect(parseIdentityContextHeader('{"scheme":"root"}')).toBeUndefined();
    expect(parseIdentityContextHeader(undefined)).toBeUndefined();
    expect(parseIdentityContextHeader(`{"scheme":"none","pad":"${"x".repeat(9000)}"}`)).toBeUndefined();
  });
});
