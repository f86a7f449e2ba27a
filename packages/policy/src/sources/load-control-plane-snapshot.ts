import { type Clock, Sec0Error } from "@sec0/core";
import { assertControlPlaneTenant, type ControlPlaneClient, controlPlaneUrl } from "@sec0/core/control-plane";
import { describeIssue } from "../policy-issue.js";
import { validatePolicy } from "../validate-policy.js";
import { fetchPolicyDocument } from "./fetch-policy-document.js";
import { mergePolicyScopes } from "./merge-scopes.js";
import { policyUnavailable } from "./policy-unavailable.js";
import { createSnapshot, type PolicySnapshot, type PolicySourceOptions } from "./snapshot.js";

/** One cached document: its ETag and parsed content. */
export interface CachedPolicyDocument {
  readonly etag?: string;
  readonly document?: unknown;
}

/** The snapshot of one node (or of the base) and the documents it was built from. */
export interface PolicyEntry {
  snapshot?: PolicySnapshot;
  checkedAt: number;
  inflight?: Promise<PolicySnapshot> | undefined;
  readonly docs: Map<string, CachedPolicyDocument>;
}

/** What {@link loadControlPlaneSnapshot} needs besides the entry. */
export interface SnapshotLoadContext {
  readonly client: ControlPlaneClient;
  readonly tenant: string;
  readonly level: "middleware" | "gateway";
  readonly timeoutMs: number;
  readonly clock: Clock;
  readonly snapshotOptions: PolicySourceOptions;
}

/**
 * Revalidates the base document and, for a node, its agent document; when either changed, merges
 * them (agent over base), validates and builds a new snapshot, else refreshes `fetchedAt`.
 *
 * @throws {Sec0Error} `POLICY_FETCH_FAILED`, `POLICY_UNAVAILABLE` (no base policy),
 *   `POLICY_INVALID` (the merged policy breaks the schema), `CORE_CONTROL_PLANE_TENANT_MISMATCH`
 *   (the policy names another tenant than the one requested).
 * @example
 * const snapshot = await loadControlPlaneSnapshot(context, entry, "planner");
 */
export async function loadControlPlaneSnapshot(
  context: SnapshotLoadContext,
  entry: PolicyEntry,
  nodeId: string | undefined,
): Promise<PolicySnapshot> {
  const base = await revalidateDocument(context, entry, undefined);
  const agent = nodeId === undefined ? undefined : await revalidateDocument(context, entry, nodeId);
  const now = context.clock.now();
  if (!base.changed && agent?.changed !== true && entry.snapshot !== undefined)
    return { ...entry.snapshot, fetchedAt: now };
  if (base.document === undefined)
    throw policyUnavailable("the control plane has no base policy for this tenant");
  const result = validatePolicy(mergePolicyScopes(base.document, agent?.document));
  if (!result.valid || result.policy === undefined) {
    throw new Sec0Error(
      "POLICY_INVALID",
      `Invalid policy from the control plane: ${result.errors.map(describeIssue).join("; ")}.`,
      {
        details: { errors: result.errors.map(({ segments: _s, ...rest }) => rest) },
      },
    );
  }
  // Fail closed: another tenant's policy is never used (the source keeps the last good one).
  assertControlPlaneTenant(context.tenant, result.policy.tenant, {
    url: documentUrl(context, nodeId),
    reply: "policy",
  });
  const etags = [base.etag, agent?.etag].filter((value) => value !== undefined);
  const etag = etags.join(", ") || undefined;
  return createSnapshot(result.policy, `control-plane:${documentUrl(context, nodeId)}`, {
    ...context.snapshotOptions,
    clock: context.clock,
    ...(etag === undefined ? {} : { etag }),
  });
}

async function revalidateDocument(
  context: SnapshotLoadContext,
  entry: PolicyEntry,
  nodeId: string | undefined,
): Promise<{ changed: boolean } & CachedPolicyDocument> {
  const key = documentUrl(context, nodeId);
  const cached = entry.docs.get(key);
  const response = await fetchPolicyDocument(
    context.client,
    {
      tenant: context.tenant,
      level: context.level,
      ...(nodeId === undefined ? {} : { nodeId }),
      ...(cached?.etag === undefined ? {} : { etag: cached.etag }),
    },
    context.timeoutMs,
  );
  if (response.status === "not-modified" && cached !== undefined) return { changed: false, ...cached };
  const next: CachedPolicyDocument =
    response.status === "ok"
      ? { document: response.document, ...(response.etag ? { etag: response.etag } : {}) }
      : {};
  entry.docs.set(key, next);
  return { changed: true, ...next };
}

function documentUrl(context: SnapshotLoadContext, nodeId: string | undefined): string {
  return controlPlaneUrl(context.client.baseUrl, `/api/policy/${encodeURIComponent(context.tenant)}`, {
    level: context.level,
    nodeId,
  });
}
