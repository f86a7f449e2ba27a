import { Sec0Error } from "@sec0/core";
import { type Policy, parsePolicyYaml, validatePolicy } from "@sec0/policy";
import type { GatewayOptions } from "./gateway-options.js";

/**
 * What the gateway denies when its options and policy list no `deny_on`: every reason its own
 * boundary checks produce, as 0.2.3's gateway refused entitlement and guardrail violations
 * whatever its lists said (in observe mode they are recorded as `would_deny`). Name `deny_on` to
 * choose otherwise.
 */
export const GATEWAY_DEFAULT_DENY_ON: readonly string[] = Object.freeze([
  "tool_not_in_allowlist",
  "tool_in_denylist",
  "version_unpinned",
  "egress_violation",
  "fs_violation",
  "payload_too_large",
  "missing_idempotency_for_side_effect",
  "idempotency_conflict",
  "ap2_mandate_missing",
  "ap2_intent_missing",
  "ap2_idempotency_missing",
  "ap2_idempotency_mismatch",
  "ap2_cart_mismatch",
  "ap2_intent_mandate_conflict",
  "ap2_cart_mandate_conflict",
  "ap2_vc_untrusted",
  "ap2_verification_error",
  "ap2_signature_missing",
  "ap2_signature_invalid",
  "ap2_algorithm_not_allowed",
  "ap2_issuer_unresolvable",
  "ap2_expired",
  "ap2_not_yet_valid",
  "ap2_expiry_missing",
  "ap2_mandate_malformed",
  "ap2_cart_intent_mismatch",
  "ap2_intent_id_conflict",
  "ap2_cart_id_conflict",
  "ap2_issuer_conflict",
  "ap2_subject_conflict",
]);

const SECTIONS = ["authn", "entitlements", "brokers", "security", "dedupe", "targets"] as const;

/**
 * The policy the gateway's engine decides with: `policy` (object or YAML; 0.2.3's `policyObject`
 * / `policyYaml`), the sections given as options on top, the gateway's tenant, and its
 * `enforcement`. Without a `tools` section every tool is allowed: the gateway's entitlements say
 * who may call what.
 *
 * @throws {Sec0Error} `GATEWAY_CONFIG_INVALID` for a policy naming another tenant or failing
 *   validation (its issues in `details.errors`), `POLICY_YAML_SYNTAX` for unparsable YAML.
 */
export function buildGatewayPolicy(options: GatewayOptions): Policy {
  const base = basePolicy(options);
  if (base.tenant !== undefined && base.tenant !== options.tenant) {
    throw new Sec0Error(
      "GATEWAY_CONFIG_INVALID",
      `The gateway's policy is for tenant ${JSON.stringify(base.tenant)} but the gateway serves ${JSON.stringify(options.tenant)}; make them the same.`,
      { details: { key: "tenant" } },
    );
  }
  const merged: Record<string, unknown> = { ...base, tenant: options.tenant };
  for (const section of SECTIONS) {
    const value = section === "targets" ? options.targets : options[section];
    if (value !== undefined) merged[section] = value;
  }
  merged.enforcement = enforcementOf(options, base);
  const result = validatePolicy(merged);
  if (!result.valid || result.policy === undefined) {
    const errors = result.errors.map(({ path, message }) => ({ path, message }));
    throw new Sec0Error(
      "GATEWAY_CONFIG_INVALID",
      `The gateway's policy is invalid: ${errors.map((e) => `${e.path}: ${e.message}`).join("; ")}.`,
      { details: { errors } },
    );
  }
  return result.policy;
}

function basePolicy(options: GatewayOptions): Partial<Policy> {
  const given = options.policy ?? options.policyObject ?? options.policyYaml;
  if (given === undefined) return {};
  // YAML text is a whole policy document, so it names its tenant like any other.
  if (typeof given === "string") return parsePolicyYaml(given) as Partial<Policy>;
  return given;
}

function enforcementOf(options: GatewayOptions, base: Partial<Policy>): Record<string, unknown> {
  const fromPolicy = base.enforcement ?? {};
  const given = options.enforcement ?? {};
  const mode = given.mode ?? fromPolicy.mode ?? "observe";
  // Observing, the same list makes every boundary violation a recorded `would_deny`.
  const denyOn = given.deny_on ?? fromPolicy.deny_on ?? GATEWAY_DEFAULT_DENY_ON;
  const escalateOn = given.escalate_on ?? fromPolicy.escalate_on;
  return {
    ...fromPolicy,
    mode,
    deny_on: [...denyOn],
    ...(escalateOn === undefined ? {} : { escalate_on: [...escalateOn] }),
  };
}
