import { normalizeNodeId } from "@sec0/core";
import type { PolicyLevel } from "@sec0/core/contracts";
import {
  type CompiledPolicy,
  compilePolicy,
  describeIssue,
  mergePolicyScopes,
  validatePolicy,
} from "@sec0/policy";
import { parseDocument } from "yaml";
import type { Queryable } from "../db/database.js";
import { currentPolicyVersion } from "../policies/policy-repository.js";
import { BASE_SCOPE, type PolicyVersion } from "../policies/policy-version.js";

/** Which stored policy decides: the key's tenant, a level, and the agent's nodeId if any. */
export interface EffectivePolicyQuery {
  readonly tenant: string;
  readonly level: PolicyLevel;
  /** As the caller sent it; normalised here the way stored agent scopes are. */
  readonly nodeId: string | undefined;
}

/** The versions a decision was made with (for `auditRefs`). */
export type DecidingVersion = Pick<PolicyVersion, "tenant" | "level" | "scope" | "version" | "sha256">;

/** The effective policy of a query, or why there is none (the caller fails closed). */
export type EffectivePolicy =
  | {
      readonly status: "ok";
      readonly compiled: CompiledPolicy;
      readonly versions: readonly DecidingVersion[];
    }
  | { readonly status: "missing" | "invalid"; readonly detail: string };

// Compiled policies by the digests of the documents they were merged from: a policy version
// never changes, so a digest pair always compiles to the same policy.
const compiledCache = new Map<string, CompiledPolicy>();
const CACHE_LIMIT = 256;

/**
 * The tenant's CURRENT effective policy for a level and node, exactly as enforcement points build
 * it from `GET /api/policy/{tenant}` (docs/adr/0002-policy-scope-merge.md): the current base
 * version, with the node's current agent version merged over it (JSON Merge Patch), validated and
 * compiled by `@sec0/policy`. No base version → `missing` (an agent document alone is not a
 * policy, as in the policy sources); a merge that breaks the schema → `invalid`.
 *
 * @example
 * const effective = await currentEffectivePolicy(db, { tenant: "acme", level: "middleware", nodeId: "planner" });
 */
export async function currentEffectivePolicy(
  db: Queryable,
  query: EffectivePolicyQuery,
): Promise<EffectivePolicy> {
  const stream = { tenant: query.tenant, level: query.level, scope: BASE_SCOPE };
  const base = await currentPolicyVersion(db, stream);
  if (base === undefined) {
    return {
      status: "missing",
      detail: `Tenant ${query.tenant} has no ${query.level} policy on the control plane; publish one (PUT /api/policy/${query.tenant}?level=${query.level}).`,
    };
  }
  const scope = agentScope(query.nodeId);
  const agent = scope === undefined ? undefined : await currentPolicyVersion(db, { ...stream, scope });
  const versions = agent === undefined ? [base] : [base, agent];
  const key = versions.map((version) => version.sha256).join(":");
  const cached = compiledCache.get(key);
  if (cached !== undefined)
    return { status: "ok", compiled: cached, versions: versions.map(decidingVersion) };
  const merged = mergePolicyScopes(
    yamlDocument(base.yaml),
    agent === undefined ? undefined : yamlDocument(agent.yaml),
  );
  const result = validatePolicy(merged);
  if (!result.valid || result.policy === undefined || result.policy.tenant !== query.tenant) {
    const why = result.errors.map(describeIssue).join("; ") || "it names another tenant";
    return {
      status: "invalid",
      detail: `The effective ${query.level} policy of tenant ${query.tenant} is invalid: ${why}.`,
    };
  }
  const compiled = compilePolicy(result.policy);
  if (compiledCache.size >= CACHE_LIMIT) compiledCache.clear();
  compiledCache.set(key, compiled);
  return { status: "ok", compiled, versions: versions.map(decidingVersion) };
}

/** The stored scope of a nodeId, or none when the node id has nothing left after normalising. */
function agentScope(nodeId: string | undefined): string | undefined {
  if (nodeId === undefined) return undefined;
  try {
    return normalizeNodeId(nodeId);
  } catch {
    return undefined;
  }
}

function yamlDocument(text: string): unknown {
  // Stored versions were validated when published, so they parse.
  return parseDocument(text, { prettyErrors: false }).toJS();
}

function decidingVersion(version: PolicyVersion): DecidingVersion {
  const { tenant, level, scope, version: number, sha256 } = version;
  return { tenant, level, scope, version: number, sha256 };
}
