import { createPublicKey, type KeyObject, verify } from "node:crypto";
import { Sec0Error, sha256Hex, type Verifier } from "@sec0/core";

const SPKI_ED25519_PREFIX = Buffer.from("302a300506032b6570032100", "hex");

/** `ed25519:<sha256 hex of the raw public key>`: the key id sec0 writes in `key_id`. */
export function keyIdOf(publicKey: Uint8Array): string {
  return `ed25519:${sha256Hex(publicKey)}`;
}

/**
 * A core `Verifier` for a raw 32-byte Ed25519 public key, using node:crypto.
 *
 * @throws {Sec0Error} `AUDIT_KEY_INVALID` when the key is not 32 bytes.
 * @example
 * const verifier = createEd25519Verifier(publicKey);
 */
export function createEd25519Verifier(publicKey: Uint8Array): Verifier {
  if (publicKey.length !== 32) {
    throw new Sec0Error(
      "AUDIT_KEY_INVALID",
      `The publicKey given to verify the audit log is ${publicKey.length} bytes; pass the raw 32-byte ` +
        "Ed25519 public key (`sec0 key show` prints it in base64).",
      { details: { length: publicKey.length } },
    );
  }
  const key: KeyObject = createPublicKey({
    key: Buffer.concat([SPKI_ED25519_PREFIX, publicKey]),
    format: "der",
    type: "spki",
  });
  return {
    keyId: keyIdOf(publicKey),
    verify: (data, signature) => signature.length === 64 && verify(null, data, key, signature),
  };
}
