import type { PolicyLevel } from "@sec0/core/contracts";

/** The scope of a base policy; an agent policy's scope is its nodeId. */
export const BASE_SCOPE = "base";

/** Which policy stream: one tenant, one level, one scope (`base` or a nodeId). */
export interface PolicyStream {
  readonly tenant: string;
  readonly level: PolicyLevel;
  /** `base`, or the agent's normalised nodeId. */
  readonly scope: string;
}

/** One stored policy version (immutable once written). */
export interface PolicyVersion extends PolicyStream {
  readonly version: number;
  /** The YAML text exactly as it was sent. */
  readonly yaml: string;
  /** SHA-256 hex of the YAML's UTF-8 bytes. */
  readonly sha256: string;
  readonly createdAt: Date;
  /** The id of the API key that published it. */
  readonly createdBy: string;
  /** `ed25519:<base64>` over {@link policySignaturePayload}. */
  readonly signature: string;
  readonly signingKeyId: string;
  /** The version this one copies, when it was made by a rollback. */
  readonly rollbackOf: number | undefined;
}

/** The scope a request names: its nodeId, else {@link BASE_SCOPE}. */
export function scopeOf(nodeId: string | undefined): string {
  return nodeId ?? BASE_SCOPE;
}
