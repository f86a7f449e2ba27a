import { type KeyObject, verify } from "node:crypto";
import type { Verifier } from "@sec0/core";
import { computeKeyId, createPublicKeyObject, ED25519_SIGNATURE_LENGTH } from "./ed25519-key-objects.js";
import { parsePublicKey } from "./parse-public-key.js";

/** A {@link Verifier} for one Ed25519 public key, which it also discloses. */
export interface Ed25519Verifier extends Verifier {
  /** The 32 raw public-key bytes. */
  readonly publicKey: Uint8Array;
}

/**
 * A verifier of detached Ed25519 signatures for one public key (raw 32 bytes, or any text
 * {@link parsePublicKey} accepts). The node:crypto key object is built once. `verify` never
 * throws: a malformed signature is simply not valid.
 *
 * @throws {Sec0Error} `SIGNER_PUBLIC_KEY_INVALID` when the public key cannot be parsed.
 * @example
 * const verifier = createEd25519Verifier(signer.publicKey);
 * verifier.verify(data, signer.sign(data)); // true
 */
export function createEd25519Verifier(publicKey: Uint8Array | string): Ed25519Verifier {
  const raw = parsePublicKey(publicKey);
  const keyObject = createPublicKeyObject(raw);
  const keyId = computeKeyId(raw);
  return {
    keyId,
    get publicKey() {
      return raw.slice();
    },
    verify: (data, signature) => verifyWithKeyObject(keyObject, data, signature),
  };
}

/**
 * Checks a detached Ed25519 signature with node:crypto (OpenSSL). Edge cases (small-order
 * points, non-canonical encodings, S ≥ L) follow OpenSSL; the package README lists each one.
 */
export function verifyWithKeyObject(key: KeyObject, data: Uint8Array, signature: Uint8Array): boolean {
  if (signature.length !== ED25519_SIGNATURE_LENGTH) return false;
  try {
    return verify(null, data, key, signature);
  } catch {
    return false; // fail closed: an unverifiable signature is not a valid one
  }
}
