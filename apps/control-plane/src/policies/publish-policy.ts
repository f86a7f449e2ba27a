import { type Signer, sha256Hex } from "@sec0/core";
import type { Database } from "../db/database.js";
import { httpError } from "../errors.js";
import { etagMatches, policyEtag } from "./policy-etag.js";
import { currentPolicyVersion, insertPolicyVersion, lockTenantPolicies } from "./policy-repository.js";
import type { PolicyStream, PolicyVersion } from "./policy-version.js";
import { signPolicyVersion } from "./sign-policy-version.js";

/** What {@link publishPolicy} stores; the YAML was validated by the caller. */
export interface PublishPolicyInput {
  readonly stream: PolicyStream;
  readonly yaml: string;
  /** The publishing key's id. */
  readonly createdBy: string;
  /** `If-Match`: publish only when the current version's ETag is one of these (or `*`). */
  readonly ifMatch?: string | string[] | undefined;
  /** Set by a rollback: the version whose YAML this copies (always makes a new version). */
  readonly rollbackOf?: number;
}

/** The outcome: the version now current, and whether this call created it. */
export interface PublishPolicyResult {
  readonly version: PolicyVersion;
  readonly created: boolean;
}

/**
 * Publishes a policy version if its content changed: under the tenant's row lock, reads the
 * current version; the same SHA-256 answers it unchanged (no new version), else version
 * `current + 1` is signed and inserted. Concurrent publishes serialise on the lock, so their
 * numbers are consecutive; the primary key forbids duplicates regardless.
 *
 * @throws {ControlPlaneHttpError} `CP_PRECONDITION_FAILED` when `ifMatch` does not match the
 *   current ETag; `CP_NOT_FOUND` when the tenant does not exist.
 * @example
 * const { version, created } = await publishPolicy(db, signer, now, { stream, yaml, createdBy: keyId });
 */
export async function publishPolicy(
  db: Database,
  signer: Signer,
  now: number,
  input: PublishPolicyInput,
): Promise<PublishPolicyResult> {
  const sha256 = sha256Hex(input.yaml);
  return db.transaction(async (tx) => {
    if (!(await lockTenantPolicies(tx, input.stream.tenant))) {
      throw httpError("CP_NOT_FOUND", `No tenant ${input.stream.tenant}.`, { tenant: input.stream.tenant });
    }
    const current = await currentPolicyVersion(tx, input.stream);
    if (
      input.ifMatch !== undefined &&
      (current === undefined || !etagMatches(input.ifMatch, policyEtag(current.sha256)))
    ) {
      throw httpError(
        "CP_PRECONDITION_FAILED",
        "The policy changed since the ETag in If-Match: fetch it again and reapply your change.",
        {
          current: current === undefined ? null : policyEtag(current.sha256),
          currentVersion: current?.version ?? null,
        },
      );
    }
    if (current !== undefined && current.sha256 === sha256 && input.rollbackOf === undefined) {
      return { version: current, created: false };
    }
    const number = (current?.version ?? 0) + 1;
    const version: PolicyVersion = {
      ...input.stream,
      version: number,
      yaml: input.yaml,
      sha256,
      createdAt: new Date(now),
      createdBy: input.createdBy,
      signature: signPolicyVersion(signer, input.stream, number, sha256),
      signingKeyId: signer.keyId,
      rollbackOf: input.rollbackOf,
    };
    await insertPolicyVersion(tx, version);
    return { version, created: true };
  });
}
