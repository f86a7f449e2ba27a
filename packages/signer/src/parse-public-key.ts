import { createPublicKey } from "node:crypto";
import { Sec0Error } from "@sec0/core";
import { decodeBase64Strict } from "./base64.js";
import { ED25519_SEED_LENGTH, exportRawPublicKey, SPKI_ED25519_PREFIX } from "./ed25519-key-objects.js";

const HEX_KEY_PATTERN = /^[0-9a-fA-F]{64}$/;

/**
 * Reads an Ed25519 public key from the forms people paste: raw 32 bytes, 64 hex characters,
 * base64 of the 32 raw bytes (what `sec0 keygen` prints), base64 of the SPKI DER, or a PEM
 * `-----BEGIN PUBLIC KEY-----` block.
 *
 * @throws {Sec0Error} `SIGNER_PUBLIC_KEY_INVALID` naming the accepted forms.
 * @example
 * parsePublicKey("11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="); // 32 bytes
 */
export function parsePublicKey(input: Uint8Array | string): Uint8Array {
  if (typeof input !== "string") {
    if (input.length === ED25519_SEED_LENGTH) return Uint8Array.from(input); // a copy, also for a Buffer
    throw invalid(`got ${input.length} bytes`);
  }
  const text = input.trim();
  if (text.startsWith("-----BEGIN")) return parsePem(text);
  if (HEX_KEY_PATTERN.test(text)) return new Uint8Array(Buffer.from(text, "hex"));
  const bytes = decodeBase64Strict(text);
  if (bytes === undefined) throw invalid("it is neither hex, base64 nor PEM");
  if (bytes.length === ED25519_SEED_LENGTH) return bytes;
  const spkiLength = SPKI_ED25519_PREFIX.length + ED25519_SEED_LENGTH;
  if (
    bytes.length === spkiLength &&
    SPKI_ED25519_PREFIX.equals(bytes.subarray(0, SPKI_ED25519_PREFIX.length))
  ) {
    return Uint8Array.from(bytes.subarray(SPKI_ED25519_PREFIX.length));
  }
  throw invalid(`its base64 decodes to ${bytes.length} bytes`);
}

function parsePem(text: string): Uint8Array {
  if (!text.startsWith("-----BEGIN PUBLIC KEY-----")) {
    throw invalid("only a PEM PUBLIC KEY (SPKI) block is accepted, never a private key");
  }
  try {
    const key = createPublicKey({ key: text, format: "pem" });
    if (key.asymmetricKeyType !== "ed25519") throw invalid(`the PEM holds a ${key.asymmetricKeyType} key`);
    return exportRawPublicKey(key);
  } catch (error) {
    if (error instanceof Sec0Error) throw error;
    throw invalid("the PEM block does not parse");
  }
}

function invalid(why: string): Sec0Error {
  return new Sec0Error(
    "SIGNER_PUBLIC_KEY_INVALID",
    `Not an Ed25519 public key: ${why}. Give the 32 raw bytes as 64 hex characters or base64 ` +
      "(as `sec0 keygen` and `sec0 key show` print), or a PEM PUBLIC KEY block.",
  );
}
