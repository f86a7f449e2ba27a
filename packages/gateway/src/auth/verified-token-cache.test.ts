import { describe, expect, it } from "vitest";
import type { Principal } from "./principal.js";
import { createVerifiedTokenCache } from "./verified-token-cache.js";

const principal = (exp?: number): Principal => ({
  scheme: "bearer",
  tenant: "acme",
  roles: [],
  ...(exp === undefined ? {} : { claims: { exp } }),
});

describe("verified token cache", () => {
  it("trusts a verified token again for its TTL only", () => {
    const cache = createVerifiedTokenCache({ ttlMs: 1000 });
    cache.set("t", principal(10_000), 0);
    expect(cache.get("t", 999)).toBeDefined();
    expect(cache.get("t", 1000)).toBeUndefined();
  });

  it("never past the token's exp", () => {
    const cache = createVerifiedTokenCache({ ttlMs: 60_000 });
    cache.set("t", principal(5), 0); // exp 5 s
    expect(cache.get("t", 4999)).toBeDefined();
    expect(cache.get("t", 5000)).toBeUndefined();
  });

  it("keys on the whole token and holds at most maxEntries", () => {
    const cache = createVerifiedTokenCache({ ttlMs: 60_000, maxEntries: 2 });
    cache.set("a.b.c", principal(100), 0);
    expect(cache.get("a.b.", 1)).toBeUndefined();
    cache.set("t2", principal(100), 0);
    cache.set("t3", principal(100), 0);
    expect(cache.get("a.b.c", 1)).toBeUndefined();
    expect(cache.get("t3", 1)).toBeDefined();
  });

  it("caches nothing with a TTL of 0", () => {
    const cache = createVerifiedTokenCache({ ttlMs: 0 });
    cache.set("t", principal(100), 0);
    expect(cache.get("t", 0)).toBeUndefined();
  });
});
