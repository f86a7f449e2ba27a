import type { webcrypto } from "node:crypto";
import type { CryptoKey } from "jose";
import { GatewayAuthError } from "./gateway-auth-error.js";
import { hasRocaFingerprint } from "./roca-fingerprint.js";

const RSA_ALGORITHMS = new Set(["RSASSA-PKCS1-v1_5", "RSA-PSS"]);
const MIN_RSA_BITS = 2048;

function unusable(problem: string, message: string): GatewayAuthError {
  return new GatewayAuthError("key_unknown", message, { details: { keyProblem: problem } });
}

function bytesToBigInt(bytes: Uint8Array): bigint {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return value;
}

async function checkRsaKey(key: CryptoKey): Promise<void> {
  const algorithm = key.algorithm as webcrypto.RsaHashedKeyAlgorithm;
  if (algorithm.modulusLength < MIN_RSA_BITS) {
    throw unusable("rsa_modulus_too_short", `The signing key is shorter than ${MIN_RSA_BITS} bits.`);
  }
  const exponent = bytesToBigInt(algorithm.publicExponent);
  if (exponent < 3n || exponent % 2n === 0n) {
    throw unusable("rsa_exponent_invalid", "The signing key's public exponent is not an odd number >= 3.");
  }
  let modulus: bigint;
  try {
    const jwk = await crypto.subtle.exportKey("jwk", key as webcrypto.CryptoKey);
    modulus = bytesToBigInt(Buffer.from(jwk.n ?? "", "base64url"));
  } catch {
    throw unusable("rsa_key_unreadable", "The signing key's modulus could not be read.");
  }
  if (hasRocaFingerprint(modulus)) {
    throw unusable(
      "rsa_roca",
      "The signing key was made by a flawed generator (ROCA); its private key is recoverable.",
    );
  }
}

const verdicts = new WeakMap<CryptoKey, Promise<void>>();

/**
 * Refuses verification keys that are weak although well-formed: RSA moduli under 2048 bits, an even
 * or < 3 public exponent (e = 1 makes every "signature" trivial), and ROCA-fingerprinted moduli.
 * Verdicts are cached per key object.
 *
 * @throws GatewayAuthError `key_unknown` with `details.keyProblem`.
 * @example
 * await checkVerificationKey(cryptoKey);
 */
export function checkVerificationKey(key: CryptoKey): Promise<void> {
  if (!RSA_ALGORITHMS.has(key.algorithm.name)) return Promise.resolve();
  let verdict = verdicts.get(key);
  if (verdict === undefined) {
    verdict = checkRsaKey(key);
    verdicts.set(key, verdict);
  }
  return verdict;
}
