// The control plane's policy as a hop uses it, and how it combines with the hop's own config.
import type { Sec0HopEnforcement } from "../../config/index.js";
import type { HopConfig } from "../../hop-types.js";

/** What a hop takes from a control-plane policy. */
export interface HopPolicy {
  readonly denyOn: readonly string[];
  readonly escalateOn: readonly string[];
  /** The policy's `default_retention`, recorded as `policy.retention`. */
  readonly retention?: string;
  /** sha256 of the policy's canonical JSON, recorded as `policy_hash`. */
  readonly hash: string;
  /** `remote`, or `remote-cache` when the last refresh failed and the last good policy is served. */
  readonly source: string;
}

/** The lists a hop is decided with. */
export interface HopLists {
  readonly denyOn: readonly string[];
  readonly escalateOn: readonly string[];
}

/**
 * The hop's lists over the control plane's: a `deny_on` / `escalate_on` written in the hop's
 * config replaces the policy's list, one list at a time (0.2.3).
 *
 * @example
 * mergeHopPolicy(hop, { denyOn: ["a"], escalateOn: ["b"], hash, source: "remote" }).denyOn; // ["a"] unless the hop sets deny_on
 */
export function mergeHopPolicy(hop: HopConfig, policy: HopPolicy): HopLists {
  const overrides = (hop.enforcement as Partial<Sec0HopEnforcement>).overrides;
  return {
    denyOn: overrides?.denyOn === true ? hop.enforcement.denyOn : policy.denyOn,
    escalateOn: overrides?.escalateOn === true ? hop.enforcement.escalateOn : policy.escalateOn,
  };
}
