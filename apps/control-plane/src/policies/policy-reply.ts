import { POLICY_CONTENT_TYPE } from "@sec0/core/contracts";
import { z } from "zod";
import { policyEtag } from "./policy-etag.js";
import type { PolicyVersion } from "./policy-version.js";

/** `Content-Type` of policy bodies the control plane sends. */
export const POLICY_REPLY_CONTENT_TYPE = `${POLICY_CONTENT_TYPE}; charset=utf-8`;

/**
 * The headers that describe a served policy version: strong `ETag`, `x-sec0-policy-version`,
 * `x-sec0-policy-scope`, `x-sec0-policy-sha256`, `x-sec0-policy-signature` (`ed25519:<base64>`)
 * and `x-sec0-policy-key-id`. `Cache-Control: no-cache` makes caches revalidate with the ETag.
 */
export function policyHeaders(version: PolicyVersion): Record<string, string> {
  return {
    etag: policyEtag(version.sha256),
    "cache-control": "private, no-cache",
    "x-sec0-policy-version": String(version.version),
    "x-sec0-policy-scope": version.scope,
    "x-sec0-policy-sha256": version.sha256,
    "x-sec0-policy-signature": version.signature,
    "x-sec0-policy-key-id": version.signingKeyId,
  };
}

/** A policy version's metadata as the JSON replies carry it (snake_case, no YAML). */
export const PolicyVersionJsonSchema = z.object({
  tenant: z.string(),
  level: z.enum(["gateway", "middleware"]),
  scope: z.string(),
  version: z.number().int(),
  sha256: z.string(),
  etag: z.string(),
  created_at: z.string(),
  created_by: z.string(),
  signature: z.string(),
  key_id: z.string(),
  rollback_of: z.number().int().nullable(),
});

/** A policy version's metadata as the JSON replies carry it. */
export type PolicyVersionJson = z.infer<typeof PolicyVersionJsonSchema>;

/** {@link PolicyVersionJson} of one version. */
export function policyVersionJson(version: PolicyVersion): PolicyVersionJson {
  return {
    tenant: version.tenant,
    level: version.level,
    scope: version.scope,
    version: version.version,
    sha256: version.sha256,
    etag: policyEtag(version.sha256),
    created_at: version.createdAt.toISOString(),
    created_by: version.createdBy,
    signature: version.signature,
    key_id: version.signingKeyId,
    rollback_of: version.rollbackOf ?? null,
  };
}
