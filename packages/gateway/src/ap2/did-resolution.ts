/** A public key as a JWK; only the members the verifier needs. */
export interface PublicJwk {
  readonly kty: string;
  readonly crv?: string;
  readonly x?: string;
  readonly y?: string;
  readonly [member: string]: unknown;
}

/** One verification method of a resolved DID: its absolute id and public key. */
export interface DidVerificationMethod {
  /** Absolute DID URL, e.g. `did:web:example.com#key-1`. */
  readonly id: string;
  readonly publicKeyJwk: PublicJwk;
}

/** Why a DID could not be resolved. */
export type DidResolutionProblem =
  | "invalid_did"
  | "method_not_supported"
  | "fetch_failed"
  | "timeout"
  | "document_too_large"
  | "invalid_document";

/** Result of resolving a DID: its usable verification methods, or why there are none. */
export type DidResolution =
  | { readonly ok: true; readonly did: string; readonly methods: readonly DidVerificationMethod[] }
  | {
      readonly ok: false;
      readonly did: string;
      readonly problem: DidResolutionProblem;
      readonly message: string;
    };

/** A failed {@link DidResolution}. */
export function didFailure(did: string, problem: DidResolutionProblem, message: string): DidResolution {
  return { ok: false, did, problem, message };
}

/** True for a JWK of a key type AP2 mandates may be signed with (Ed25519 or P-256), without `d`. */
export function isSupportedPublicJwk(value: unknown): value is PublicJwk {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const jwk = value as Record<string, unknown>;
  if ("d" in jwk || typeof jwk.x !== "string") return false;
  if (jwk.kty === "OKP") return jwk.crv === "Ed25519" && jwk.y === undefined;
  return jwk.kty === "EC" && jwk.crv === "P-256" && typeof jwk.y === "string";
}
