import { Sec0Error } from "@sec0/core";
import { parsePolicyYaml } from "../parse-policy-yaml.js";
import { describeIssue } from "../policy-issue.js";
import { validatePolicy } from "../validate-policy.js";
import {
  createSnapshot,
  type PolicySnapshot,
  type PolicySource,
  type PolicySourceOptions,
} from "./snapshot.js";

/**
 * A source holding one policy object (validated once).
 *
 * @throws {Sec0Error} `POLICY_INVALID` when the object breaks the schema.
 * @example
 * const source = createInlinePolicySource({ tenant: "my-app", enforcement: { deny_on: [] } });
 */
export function createInlinePolicySource(policy: unknown, options: PolicySourceOptions = {}): PolicySource {
  const result = validatePolicy(policy);
  if (!result.valid || result.policy === undefined) {
    throw new Sec0Error("POLICY_INVALID", `Invalid policy: ${result.errors.map(describeIssue).join("; ")}.`, {
      details: { errors: result.errors.map(({ segments: _segments, ...rest }) => rest) },
    });
  }
  return constantSource(createSnapshot(result.policy, "inline", options));
}

/**
 * A source holding one policy parsed from YAML text.
 *
 * @throws {Sec0Error} `POLICY_YAML_SYNTAX` or `POLICY_INVALID` (see `parsePolicyYaml`).
 */
export function createYamlPolicySource(yaml: string, options: PolicySourceOptions = {}): PolicySource {
  return constantSource(createSnapshot(parsePolicyYaml(yaml), "yaml", options));
}

function constantSource(snapshot: PolicySnapshot): PolicySource {
  return { get: async () => snapshot, close: () => {} };
}
