import fc from "fast-check";
import nacl from "tweetnacl";
import { describe, expect, it, vi } from "vitest";
import { createPrivateKeyObject } from "./ed25519-key-objects.js";
import { createSignFunction, ED25519_BACKEND_ENV, ED25519_SIGN_BACKEND } from "./ed25519-sign.js";

describe("Ed25519 sign backends", () => {
  it("uses libsodium in this workspace (sodium-native is installed as an optional dependency)", () => {
    expect(ED25519_SIGN_BACKEND).toBe("libsodium");
  });

  it("libsodium, node:crypto and tweetnacl give the same signature for any key and message", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ maxLength: 3000 }),
        (seed, message) => {
          const key = createPrivateKeyObject(seed);
          const sodium = createSignFunction(seed, key, "libsodium")(message);
          const node = createSignFunction(seed, key, "node:crypto")(message);
          const tweet = nacl.sign.detached(message, nacl.sign.keyPair.fromSeed(seed).secretKey);
          expect(Buffer.from(sodium).toString("hex")).toBe(Buffer.from(node).toString("hex"));
          expect(Buffer.from(node).toString("hex")).toBe(Buffer.from(tweet).toString("hex"));
        },
      ),
      { numRuns: 200 },
    );
  });

  it("leaves the caller's seed as it was (the caller wipes it)", () => {
    const seed = new Uint8Array(32).fill(9);
    createSignFunction(seed, createPrivateKeyObject(seed), "libsodium");
    expect([...seed]).toEqual(new Array(32).fill(9));
  });

  it(`signs with node:crypto when ${ED25519_BACKEND_ENV}=node`, async () => {
    vi.stubEnv(ED25519_BACKEND_ENV, "node");
    vi.resetModules();
    try {
      const fresh = await import("./ed25519-sign.js");
      expect(fresh.ED25519_SIGN_BACKEND).toBe("node:crypto");
      const seed = new Uint8Array(32).fill(3);
      const signature = fresh.createSignFunction(seed, createPrivateKeyObject(seed))(new Uint8Array([1, 2]));
      expect(signature).toEqual(
        createSignFunction(seed, createPrivateKeyObject(seed), "libsodium")(new Uint8Array([1, 2])),
      );
    } finally {
      vi.unstubAllEnvs();
      vi.resetModules();
    }
  });
});
