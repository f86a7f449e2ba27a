import { Sec0Error } from "@sec0/core";
import { DEFAULT_CONTROL_PLANE_URL, resolveControlPlaneUrl } from "@sec0/core/control-plane";
import {
  createControlPlanePolicySource,
  createInlinePolicySource,
  createYamlPolicySource,
  type PolicySource,
} from "@sec0/policy";
import type { ControlPlanePolicyDescriptor, MiddlewareOptions } from "./options.js";

// One rule for every surface: the option, then SEC0_CONTROL_PLANE_URL, then https://api.sec0.ai.
export { DEFAULT_CONTROL_PLANE_URL, resolveControlPlaneUrl };

/**
 * Turns the `policy` option into a `PolicySource`: an object is validated once (inline), a string
 * is parsed as YAML, a control-plane descriptor fetches with ETag, refresh and last-known-good.
 * @throws {Sec0Error} `POLICY_INVALID` / `POLICY_YAML_SYNTAX` for a bad local policy, and
 * `MIDDLEWARE_CONFIG_INVALID` for a control-plane source without tenant or credentials.
 */
export function resolvePolicySource(options: MiddlewareOptions): PolicySource {
  if (options.adapters?.policySource !== undefined) return options.adapters.policySource;
  const policy = options.policy;
  const sourceOptions = {
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
  };
  if (typeof policy === "string") return createYamlPolicySource(policy, sourceOptions);
  if (isPolicySource(policy)) return policy;
  if (isControlPlaneDescriptor(policy)) {
    const apiKey = options.auth?.apiKey ?? options.auth?.bearerToken;
    const tenant = policy.tenant ?? options.otel?.tenant;
    if (tenant === undefined || apiKey === undefined) {
      throw new Sec0Error(
        "MIDDLEWARE_CONFIG_INVALID",
        "A control-plane policy needs a tenant (policy.tenant or otel.tenant) and auth.apiKey.",
      );
    }
    return createControlPlanePolicySource({
      ...sourceOptions,
      baseUrl: resolveControlPlaneUrl(options),
      tenant,
      apiKey,
      ...(policy.level === undefined ? {} : { level: policy.level }),
      ...(policy.scope === undefined ? {} : { scope: policy.scope }),
      ...(policy.nodeId === undefined ? {} : { nodeId: policy.nodeId }),
      refreshIntervalMs: Math.max(1000, policy.refreshTtlMs ?? 60_000),
      ...(policy.timeoutMs === undefined ? {} : { timeoutMs: policy.timeoutMs }),
      onUnavailable: policy.onUnavailable ?? "fail",
    });
  }
  return createInlinePolicySource(policy, sourceOptions);
}

function isPolicySource(value: unknown): value is PolicySource {
  return (
    typeof (value as PolicySource)?.get === "function" && typeof (value as PolicySource)?.close === "function"
  );
}

function isControlPlaneDescriptor(value: unknown): value is ControlPlanePolicyDescriptor {
  return (value as ControlPlanePolicyDescriptor)?.source === "control-plane";
}
