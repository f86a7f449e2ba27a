import type { Policy } from "../schema/policy-schema.js";

/**
 * The built-in policy used when the control plane never answered and the source is configured
 * with `onUnavailable: "observe"`: every tool allowed, nothing denied, violations recorded.
 */
export function observeOnlyPolicy(tenant: string): Policy {
  return {
    tenant,
    tools: { allowlist: ["*"] },
    enforcement: { mode: "observe", deny_on: [], escalate_on: [] },
  };
}
