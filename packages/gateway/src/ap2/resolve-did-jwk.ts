import { type DidResolution, didFailure, isSupportedPublicJwk } from "./did-resolution.js";
import { parseStrictJson } from "./strict-json.js";

const BASE64URL = /^[A-Za-z0-9_-]+$/;
/** A public JWK is under 200 characters; this bounds the work on a hostile identifier. */
const MAX_DID_JWK_LENGTH = 2048;

/**
 * Resolves `did:jwk:<base64url JSON JWK>` to its one verification method, `did:jwk:…#0`. Only
 * Ed25519 (OKP) and P-256 (EC) public keys are accepted.
 *
 * @example
 * resolveDidJwk(`did:jwk:${Buffer.from(JSON.stringify(jwk)).toString("base64url")}`);
 */
export function resolveDidJwk(did: string): DidResolution {
  const encoded = did.slice("did:jwk:".length);
  if (!BASE64URL.test(encoded) || did.length > MAX_DID_JWK_LENGTH) {
    return didFailure(did, "invalid_did", "did:jwk is not base64url.");
  }
  const parsed = parseStrictJson(Buffer.from(encoded, "base64url").toString("utf8"));
  if (!parsed.ok || !isSupportedPublicJwk(parsed.value)) {
    return didFailure(did, "invalid_did", "did:jwk does not hold an Ed25519 or P-256 public JWK.");
  }
  return { ok: true, did, methods: [{ id: `${did}#0`, publicKeyJwk: parsed.value }] };
}
