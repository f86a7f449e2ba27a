import { createPublicKey } from "node:crypto";
import { Sec0Error } from "@sec0/core";
import { decodeBase64Strict } from "./base64.js";
import {
  bytesEqual,
  createPrivateKeyObject,
  ED25519_SEED_LENGTH,
  exportRawPublicKey,
  NACL_SECRET_KEY_LENGTH,
} from "./ed25519-key-objects.js";

const EXPECTED_LENGTHS =
  "expected base64 of 32 bytes (an Ed25519 seed, e.g. `openssl rand -base64 32` or `sec0 keygen`) " +
  "or of 64 bytes (a NaCl secret key: seed followed by its public key)";

/**
 * Where key bytes came from, for error messages: a key file or `env://` reference (`in`), or the
 * public function they were given to (`givenTo`, e.g. `LocalDevSigner.fromSeed`).
 */
export type KeySource = { readonly in: string } | { readonly givenTo: string };

function describeSource(source: KeySource): string {
  return "in" in source ? `in ${source.in}` : `given to ${source.givenTo}`;
}

function sourceName(source: KeySource): string {
  return "in" in source ? source.in : source.givenTo;
}

/**
 * The 32-byte seed held in a key's base64 text (surrounding and line-wrapping whitespace ignored).
 * `source` names where the text came from in error messages; the text itself never appears.
 *
 * @throws {Sec0Error} `SIGNER_KEY_ENCODING_INVALID`, `SIGNER_KEY_LENGTH_INVALID`, `SIGNER_KEY_MISMATCH`.
 */
export function decodeKeyText(text: string, source: KeySource): Uint8Array {
  const bytes = decodeBase64Strict(text);
  if (bytes === undefined) {
    throw new Sec0Error(
      "SIGNER_KEY_ENCODING_INVALID",
      `The key ${describeSource(source)} is not base64: ${EXPECTED_LENGTHS}.`,
      { details: { source: sourceName(source) } },
    );
  }
  try {
    return seedFromKeyBytes(bytes, source);
  } finally {
    bytes.fill(0);
  }
}

/**
 * The seed of a raw key: 32 bytes are the seed; 64 bytes are a NaCl secret key whose second half
 * must be the public key of its first half.
 *
 * @throws {Sec0Error} `SIGNER_KEY_LENGTH_INVALID`, `SIGNER_KEY_MISMATCH`.
 */
export function seedFromKeyBytes(bytes: Uint8Array, source: KeySource): Uint8Array {
  if (bytes.length === ED25519_SEED_LENGTH) return Uint8Array.from(bytes); // a copy even for a Buffer, whose slice() is a view
  if (bytes.length !== NACL_SECRET_KEY_LENGTH) {
    throw new Sec0Error(
      "SIGNER_KEY_LENGTH_INVALID",
      `The key ${describeSource(source)} is ${bytes.length} bytes; ${EXPECTED_LENGTHS}.`,
      { details: { source: sourceName(source), length: bytes.length } },
    );
  }
  const seed = Uint8Array.from(bytes.subarray(0, ED25519_SEED_LENGTH));
  const derived = exportRawPublicKey(createPublicKey(createPrivateKeyObject(seed)));
  if (!bytesEqual(derived, bytes.subarray(ED25519_SEED_LENGTH))) {
    seed.fill(0);
    throw new Sec0Error(
      "SIGNER_KEY_MISMATCH",
      `The 64-byte key ${describeSource(source)} is not a NaCl secret key: its second half is not the ` +
        "public key of its first half. Regenerate it with `sec0 keygen`, or store only the 32-byte seed.",
      { details: { source: sourceName(source) } },
    );
  }
  return seed;
}
