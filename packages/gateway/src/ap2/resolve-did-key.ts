import { ECDH } from "node:crypto";
import { decodeBase58btc } from "./base58btc.js";
import { type DidResolution, didFailure } from "./did-resolution.js";

const ED25519_PREFIX = [0xed, 0x01] as const;
const P256_PREFIX = [0x80, 0x24] as const;

/**
 * Resolves `did:key:z…` for Ed25519 (`z6Mk…`, multicodec 0xed) and P-256 (`zDn…`, multicodec
 * 0x1200, compressed point) to its one verification method, `did:key:z…#z…`.
 *
 * @example
 * resolveDidKey("did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK").ok; // true
 */
export function resolveDidKey(did: string): DidResolution {
  const multibase = did.slice("did:key:".length);
  const bytes = multibase.startsWith("z") ? decodeBase58btc(multibase.slice(1)) : undefined;
  if (bytes === undefined) return didFailure(did, "invalid_did", "did:key is not base58btc multibase (z…).");
  const key = startsWith(bytes, ED25519_PREFIX)
    ? ed25519Jwk(bytes.subarray(2))
    : startsWith(bytes, P256_PREFIX)
      ? p256Jwk(bytes.subarray(2))
      : undefined;
  if (key === undefined) {
    return didFailure(did, "method_not_supported", "did:key holds a key type other than Ed25519 or P-256.");
  }
  return { ok: true, did, methods: [{ id: `${did}#${multibase}`, publicKeyJwk: key }] };
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}

function ed25519Jwk(raw: Uint8Array): { kty: string; crv: string; x: string } | undefined {
  if (raw.length !== 32) return undefined;
  return { kty: "OKP", crv: "Ed25519", x: Buffer.from(raw).toString("base64url") };
}

function p256Jwk(compressed: Uint8Array): { kty: string; crv: string; x: string; y: string } | undefined {
  if (compressed.length !== 33) return undefined;
  try {
    const point = ECDH.convertKey(compressed, "prime256v1", undefined, undefined, "uncompressed") as Buffer;
    return {
      kty: "EC",
      crv: "P-256",
      x: point.subarray(1, 33).toString("base64url"),
      y: point.subarray(33, 65).toString("base64url"),
    };
  } catch {
    return undefined; // not a point on the curve
  }
}
