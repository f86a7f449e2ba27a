import { createPrivateKey, createPublicKey, type KeyObject, timingSafeEqual } from "node:crypto";
import { Sec0Error, sha256Hex } from "@sec0/core";

/** DER prefix of a PKCS#8 Ed25519 private key; the 32-byte seed follows (RFC 8410). */
const PKCS8_ED25519_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");
/** DER prefix of an SPKI Ed25519 public key; the 32-byte public key follows (RFC 8410). */
export const SPKI_ED25519_PREFIX = Buffer.from("302a300506032b6570032100", "hex");

/** Length of an Ed25519 seed (the private key of RFC 8032) and of a public key. */
export const ED25519_SEED_LENGTH = 32;
/** Length of a NaCl / tweetnacl secret key: seed followed by the public key. */
export const NACL_SECRET_KEY_LENGTH = 64;
/** Length of an Ed25519 signature. */
export const ED25519_SIGNATURE_LENGTH = 64;

/** The node:crypto private key for a 32-byte seed; created once per signer. */
export function createPrivateKeyObject(seed: Uint8Array): KeyObject {
  const der = Buffer.concat([PKCS8_ED25519_PREFIX, seed]);
  try {
    return createPrivateKey({ key: der, format: "der", type: "pkcs8" });
  } finally {
    der.fill(0);
  }
}

/** The node:crypto public key for 32 raw public-key bytes. */
export function createPublicKeyObject(publicKey: Uint8Array): KeyObject {
  return createPublicKey({
    key: Buffer.concat([SPKI_ED25519_PREFIX, publicKey]),
    format: "der",
    type: "spki",
  });
}

/** The 32 raw bytes of an Ed25519 public key object. */
export function exportRawPublicKey(key: KeyObject): Uint8Array {
  const der = key.export({ format: "der", type: "spki" });
  return new Uint8Array(der.subarray(SPKI_ED25519_PREFIX.length));
}

/**
 * The sec0 key id of an Ed25519 public key: `ed25519:<sha256 hex of the 32 raw bytes>`, as 0.2.3.
 *
 * @throws {Sec0Error} `SIGNER_PUBLIC_KEY_INVALID` when `publicKey` is not 32 bytes.
 * @example
 * computeKeyId(signer.publicKey); // "ed25519:3f1c…"
 */
export function computeKeyId(publicKey: Uint8Array): string {
  if (publicKey.length !== ED25519_SEED_LENGTH) {
    throw new Sec0Error(
      "SIGNER_PUBLIC_KEY_INVALID",
      `computeKeyId needs a 32-byte Ed25519 public key; got ${publicKey.length} bytes.`,
      { details: { length: publicKey.length } },
    );
  }
  return `ed25519:${sha256Hex(publicKey)}`;
}

/** True when two equal-length byte arrays are equal, in constant time. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
