// One remote policy provider of @sec0/guard per profile and policy level/scope, fetched lazily at
// the first call, kept, and revalidated in the background after the TTL.
import type { Clock } from "@sec0/core";
import { createRemotePolicyProvider, type GuardPolicyProvider, type ResolvedGuardPolicy } from "@sec0/guard";
import type { Sec0HopEnforcement } from "../../config/index.js";
import type { AppProfile, HopConfig } from "../../hop-types.js";
import type { HopControlPlane } from "./hop-control-plane.js";
import type { HopPolicy } from "./hop-policy.js";

/** The control-plane policy of one hop. */
export interface HopPolicyHandle {
  /** The last policy obtained, without I/O; also starts a background revalidation when due. */
  peek(): HopPolicy | undefined;
  /** The policy: fetched at the first call, then the cached one (revalidated in the background). */
  load(): Promise<HopPolicy>;
  /** Whether the hop uses its own config when no policy was ever obtained (`fallback_to_base`). */
  readonly fallbackToBase: boolean;
}

/** Default of `refresh_ttl_ms` (0.2.3's hop refresh); the provider never refreshes faster than 1 s. */
export const HOP_POLICY_REFRESH_MS = 60_000;

interface ProviderEntry {
  readonly provider: GuardPolicyProvider;
  readonly last: Map<string, HopPolicy>;
}

const providers = new WeakMap<AppProfile, Map<string, ProviderEntry>>();

/**
 * The policy handle of `hop`: level `policy_level` (default `gateway` for gateway hops, else
 * `middleware`), scope `policy_scope` (default `auto`), node `policy_node_id` (default the hop's
 * node id), refreshed after `refresh_ttl_ms`. Creating it opens no connection.
 *
 * @example
 * const policy = await hopPolicyHandle(profile, hop, controlPlane).load();
 */
export function hopPolicyHandle(
  profile: AppProfile,
  hop: HopConfig,
  controlPlane: HopControlPlane,
  clock?: Clock,
): HopPolicyHandle {
  const options = (hop.enforcement as Partial<Sec0HopEnforcement>).policy ?? {};
  const level = options.level ?? (hop.type === "gateway" ? "gateway" : "middleware");
  const scope = options.scope ?? "auto";
  const ttl = options.refreshTtlMs ?? HOP_POLICY_REFRESH_MS;
  const nodeId = scope === "base" ? undefined : (options.nodeId ?? hop.nodeId);
  const entry = providerFor(profile, `${level}|${scope}|${ttl}`, () =>
    createRemotePolicyProvider(
      {
        auth: { apiKey: controlPlane.apiKey },
        controlPlaneUrl: controlPlane.baseUrl,
        source: { source: "control-plane", level, scope },
        refreshIntervalMs: ttl,
        timeoutMs: controlPlane.timeoutMs,
        fetch: controlPlane.fetch,
      },
      clock === undefined ? {} : { now: () => clock.now() },
    ),
  );
  const key = nodeId ?? "";
  const load = async (): Promise<HopPolicy> => {
    const resolved = await entry.provider.get(nodeId === undefined ? {} : { nodeId });
    const policy = hopPolicyOf(resolved);
    entry.last.set(key, policy);
    return policy;
  };
  return {
    peek() {
      const last = entry.last.get(key);
      // The provider serves its snapshot and revalidates it only when the TTL has passed.
      if (last !== undefined) void load().catch(() => {});
      return last;
    },
    load,
    fallbackToBase: options.fallbackToBase === true,
  };
}

/** Closes every policy provider of `profile` (tests, shutdown). */
export function closeHopPolicies(profile: AppProfile): void {
  for (const entry of providers.get(profile)?.values() ?? []) entry.provider.close();
  providers.delete(profile);
}

function providerFor(profile: AppProfile, key: string, create: () => GuardPolicyProvider): ProviderEntry {
  let byKey = providers.get(profile);
  if (byKey === undefined) {
    byKey = new Map();
    providers.set(profile, byKey);
  }
  let entry = byKey.get(key);
  if (entry === undefined) {
    entry = { provider: create(), last: new Map() };
    byKey.set(key, entry);
  }
  return entry;
}

function hopPolicyOf(resolved: ResolvedGuardPolicy): HopPolicy {
  const { document } = resolved;
  const policy = document.kind === "policy" ? document.snapshot.policy : undefined;
  const retention = policy?.default_retention;
  return Object.freeze({
    denyOn: Object.freeze([...(policy?.enforcement?.deny_on ?? [])]),
    escalateOn: Object.freeze([...(policy?.enforcement?.escalate_on ?? [])]),
    ...(retention === undefined ? {} : { retention: String(retention) }),
    hash: document.hash,
    source: resolved.source,
  });
}
