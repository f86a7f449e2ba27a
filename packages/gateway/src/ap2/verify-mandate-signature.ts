import { compactVerify, importJWK } from "jose";
import { AP2_REASONS, type Ap2Reason } from "./ap2-reasons.js";
import type { DidResolution, DidVerificationMethod, PublicJwk } from "./did-resolution.js";

/** Algorithms a mandate may ever be signed with; options can only narrow this. */
export const SUPPORTED_AP2_ALGORITHMS: readonly string[] = ["EdDSA", "ES256"];

/** A verified signature: which algorithm and which of the issuer's keys. */
export type SignatureCheck =
  | { readonly ok: true; readonly algorithm: string; readonly keyId: string }
  | { readonly ok: false; readonly reason: Ap2Reason };

/**
 * Verifies a compact JWS against the issuer's resolved keys: `alg` must be allowed (and never
 * `none` or an HMAC), `kid` selects the verification method (required when the issuer has more
 * than one), the key type must fit the algorithm, and the signature must hold.
 */
export async function verifyMandateSignature(
  compact: string,
  header: Record<string, unknown>,
  resolution: DidResolution,
  algorithms: readonly string[],
): Promise<SignatureCheck> {
  const alg = header.alg;
  if (typeof alg !== "string" || !SUPPORTED_AP2_ALGORITHMS.includes(alg) || !algorithms.includes(alg)) {
    return { ok: false, reason: AP2_REASONS.algorithmNotAllowed };
  }
  if (!resolution.ok) return { ok: false, reason: AP2_REASONS.issuerUnresolvable };
  const method = selectMethod(resolution.did, resolution.methods, header.kid);
  if (method === undefined) return { ok: false, reason: AP2_REASONS.issuerUnresolvable };
  if (!fitsAlgorithm(method.publicKeyJwk, alg)) return { ok: false, reason: AP2_REASONS.signatureInvalid };
  try {
    const { kty, crv, x, y } = method.publicKeyJwk;
    const key = await importJWK(y === undefined ? { kty, crv, x } : { kty, crv, x, y }, alg);
    await compactVerify(compact, key, { algorithms: [alg] });
    return { ok: true, algorithm: alg, keyId: method.id };
  } catch {
    return { ok: false, reason: AP2_REASONS.signatureInvalid };
  }
}

function selectMethod(
  did: string,
  methods: readonly DidVerificationMethod[],
  kid: unknown,
): DidVerificationMethod | undefined {
  if (kid === undefined) return methods.length === 1 ? methods[0] : undefined;
  if (typeof kid !== "string") return undefined;
  const full = kid.startsWith("#") ? `${did}${kid}` : kid;
  return methods.find((method) => method.id === full);
}

function fitsAlgorithm(jwk: PublicJwk, alg: string): boolean {
  if (alg === "EdDSA") return jwk.kty === "OKP" && jwk.crv === "Ed25519";
  return alg === "ES256" && jwk.kty === "EC" && jwk.crv === "P-256";
}
