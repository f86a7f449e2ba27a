import { resolveControlPlaneUrl } from "@sec0/core/control-plane";
import type { GuardProviderConfig } from "@sec0/guard";
import {
  createControlPlanePolicySource,
  createInlinePolicySource,
  createSnapshot,
  type ParsedPolicy,
  type PolicySnapshot,
  type PolicySource,
} from "@sec0/policy";
import { applyMoltbotOverrides } from "./apply-moltbot-overrides.js";
import type { MoltbotPolicyChoice } from "./load-moltbot-policy.js";
import type { Sec0MoltbotConfig } from "./moltbot-config.js";
import { configInvalid } from "./moltbot-config-errors.js";

/** One policy, as the engine (a `PolicySource`) and the guard (a provider) each take it. */
export interface MoltbotPolicySource {
  readonly kind: "local" | "control-plane";
  readonly engineSource: PolicySource;
  readonly guardProvider: GuardProviderConfig;
}

/**
 * The policy of the hooks: a local policy as it was loaded, or the control plane's
 * (`GET /api/policy/{tenant}?level=`, revalidated every `refreshMs`) with the config's overrides
 * applied to each version it serves. A control-plane policy that does not fit the config (another
 * tenant, no allowlist, enforce mode without `deny_on`) or cannot be fetched fails every decision
 * closed (`policy_fetch_failed`).
 *
 * @throws {Sec0Error} `SDK_OPENCLAW_CONFIG_INVALID` for a control-plane source without `apiKey`.
 */
export function createMoltbotPolicySource(
  choice: MoltbotPolicyChoice,
  config: Sec0MoltbotConfig,
): MoltbotPolicySource {
  if (choice.kind === "local") {
    return {
      kind: "local",
      engineSource: createInlinePolicySource(choice.policy),
      guardProvider: { local: { policy: choice.policy } },
    };
  }
  if (typeof config.apiKey !== "string" || config.apiKey === "")
    throw configInvalid("apiKey", "is required for a control-plane policy source");
  const { controlPlane } = choice;
  const inner = createControlPlanePolicySource({
    baseUrl: resolveControlPlaneUrl(
      config.controlPlaneUrl === undefined ? {} : { controlPlaneUrl: config.controlPlaneUrl },
    ),
    tenant: config.tenant,
    apiKey: config.apiKey,
    level: controlPlane.level,
    scope: controlPlane.scope,
    ...(controlPlane.nodeId === undefined ? {} : { nodeId: controlPlane.nodeId }),
    refreshIntervalMs: controlPlane.refreshMs,
  });
  const engineSource = withOverrides(inner, config);
  return {
    kind: "control-plane",
    engineSource,
    guardProvider: {
      remote: async (request) => {
        const snapshot = await engineSource.get(request);
        return { policy: snapshot.policy, hash: snapshot.hash };
      },
    },
  };
}

/** `inner` with the config applied to each version it serves (recomputed only when it changes). */
function withOverrides(inner: PolicySource, config: Sec0MoltbotConfig): PolicySource {
  const derived = new Map<string, PolicySnapshot>();
  return {
    async get(request) {
      const snapshot = await inner.get(request);
      const cached = derived.get(snapshot.hash);
      if (cached !== undefined) return cached;
      const policy = applyMoltbotOverrides(snapshot.policy as ParsedPolicy, config);
      const next = createSnapshot(policy, snapshot.source);
      if (derived.size >= 16) derived.clear();
      derived.set(snapshot.hash, next);
      return next;
    },
    close: () => inner.close(),
  };
}
