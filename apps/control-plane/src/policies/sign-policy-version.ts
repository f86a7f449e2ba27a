import { canonicalBytes, type Signer } from "@sec0/core";
import { toBase64 } from "@sec0/signer";
import type { PolicyStream } from "./policy-version.js";

/** Prefix of a policy signature: the algorithm, then the standard base64 of the 64 bytes. */
export const POLICY_SIGNATURE_PREFIX = "ed25519:";

/** What a policy signature covers (its canonical JSON, RFC 8785, is what is signed). */
export interface PolicySignaturePayload {
  readonly tenant: string;
  readonly level: string;
  readonly scope: string;
  readonly version: number;
  readonly sha256: string;
}

/**
 * The object a policy version's signature is over: `{tenant, level, scope, version, sha256}`.
 * A client verifies with `canonicalBytes(payload)` (`@sec0/core`), the signature after
 * `ed25519:` base64-decoded, and the key from `GET /api/policy-signing-key`.
 */
export function policySignaturePayload(
  stream: PolicyStream,
  version: number,
  sha256: string,
): PolicySignaturePayload {
  return { tenant: stream.tenant, level: stream.level, scope: stream.scope, version, sha256 };
}

/**
 * Signs one policy version with the control plane's key.
 *
 * @example
 * signPolicyVersion(signer, { tenant: "acme", level: "gateway", scope: "base" }, 1, sha); // "ed25519:…"
 */
export function signPolicyVersion(
  signer: Signer,
  stream: PolicyStream,
  version: number,
  sha256: string,
): string {
  const bytes = canonicalBytes(policySignaturePayload(stream, version, sha256));
  return `${POLICY_SIGNATURE_PREFIX}${toBase64(signer.sign(bytes))}`;
}
