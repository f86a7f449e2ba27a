import { type KeyObject, sign } from "node:crypto";
import { createRequire } from "node:module";

/**
 * Where Ed25519 signatures are computed. Ed25519 is deterministic (RFC 8032), so both give the
 * same 64 bytes for the same key and message; libsodium does it in about half the time of
 * node:crypto on our machines (OpenSSL 3 sets up a digest context per call). See ADR 0008.
 */
export type Ed25519SignBackend = "libsodium" | "node:crypto";

/** The part of sodium-native (an optional dependency) this package uses. */
interface Sodium {
  crypto_sign_seed_keypair(publicKey: Uint8Array, secretKey: Uint8Array, seed: Uint8Array): void;
  crypto_sign_detached(signature: Uint8Array, message: Uint8Array, secretKey: Uint8Array): void;
  sodium_malloc(size: number): Uint8Array;
  sodium_memzero(buffer: Uint8Array): void;
}

/** Set to `node` to sign with node:crypto even where libsodium loads. */
export const ED25519_BACKEND_ENV = "SEC0_ED25519_BACKEND";

function loadSodium(): Sodium | undefined {
  if (process.env[ED25519_BACKEND_ENV] === "node") return undefined;
  try {
    return createRequire(import.meta.url)("sodium-native") as Sodium;
  } catch {
    return undefined; // not installed, or no prebuilt binary for this platform: node:crypto signs
  }
}

const sodium = loadSodium();

/** The backend new signers use in this process. */
export const ED25519_SIGN_BACKEND: Ed25519SignBackend = sodium === undefined ? "node:crypto" : "libsodium";

/**
 * A function that signs with the key of `seed` (whose node:crypto key object is `privateKey`).
 * With libsodium the 64-byte secret key lives in `sodium_malloc` memory (guard pages, locked
 * out of swap); `seed` is only read here, the caller still owns and wipes it.
 */
export function createSignFunction(
  seed: Uint8Array,
  privateKey: KeyObject,
  backend: Ed25519SignBackend = ED25519_SIGN_BACKEND,
): (data: Uint8Array) => Uint8Array {
  if (backend === "node:crypto" || sodium === undefined) {
    return (data) => new Uint8Array(sign(null, data, privateKey));
  }
  const lib = sodium;
  const secretKey = lib.sodium_malloc(64);
  const seedCopy = lib.sodium_malloc(32);
  seedCopy.set(seed);
  lib.crypto_sign_seed_keypair(new Uint8Array(32), secretKey, seedCopy);
  lib.sodium_memzero(seedCopy);
  return (data) => {
    const signature = new Uint8Array(64);
    lib.crypto_sign_detached(signature, data, secretKey);
    return signature;
  };
}
