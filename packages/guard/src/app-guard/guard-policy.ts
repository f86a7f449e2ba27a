import { canonicalize, sha256Hex } from "@sec0/core";
import {
  createSnapshot,
  describeIssue,
  type PolicySnapshot,
  parsePolicyYaml,
  validatePolicy,
} from "@sec0/policy";
import { GuardConfigError } from "./guard-errors.js";
import type { GuardPolicySourceKind } from "./guard-types.js";
import { type CompiledRulePolicy, compileRulePolicy, isGuardRulePolicy } from "./rule-policy.js";

/** A policy the guard decides with: inline guard rules, or a full sec0 policy. */
export type GuardPolicyDocument =
  | { readonly kind: "rules"; readonly rules: CompiledRulePolicy; readonly hash: string }
  | { readonly kind: "policy"; readonly snapshot: PolicySnapshot; readonly hash: string };

/** The policy for one decision and where it came from. */
export interface ResolvedGuardPolicy {
  readonly document: GuardPolicyDocument;
  readonly source: GuardPolicySourceKind;
  readonly fallbackReason?: string;
}

/** Where the guard gets its policy: local, remote, or both (hybrid). */
export interface GuardPolicyProvider {
  get(request: { readonly nodeId?: string }): Promise<ResolvedGuardPolicy>;
  /** The policy when it is at hand without any I/O (an inline policy), else `undefined`. */
  peek?(request: { readonly nodeId?: string }): ResolvedGuardPolicy | undefined;
  close(): void;
}

/**
 * Turns a policy object into a document: an inline guard policy (`rules` / `defaultOutcome`) or a
 * full sec0 policy (anything with `tenant`, `enforcement` or `tools`).
 *
 * @throws {GuardConfigError} `GUARD_CONFIG_INVALID` naming the bad field.
 */
export function policyDocumentOf(value: unknown, field: string, source = "inline"): GuardPolicyDocument {
  if (isGuardRulePolicy(value)) {
    return { kind: "rules", rules: compileRulePolicy(value, field), hash: sha256Hex(canonicalize(value)) };
  }
  const result = validatePolicy(value);
  if (!result.valid || result.policy === undefined) {
    throw new GuardConfigError(
      field,
      `${field}: invalid policy: ${result.errors.map(describeIssue).join("; ")}.`,
    );
  }
  const snapshot = createSnapshot(result.policy, source);
  return { kind: "policy", snapshot, hash: snapshot.hash };
}

/** A document from a full-policy snapshot (remote sources deliver these). */
export function snapshotDocument(snapshot: PolicySnapshot): GuardPolicyDocument {
  return { kind: "policy", snapshot, hash: snapshot.hash };
}

/**
 * Parses a policy file's text: `.json` as JSON, anything else as YAML; an inline guard policy
 * (`rules` / `defaultOutcome`) or a full sec0 policy (validated with line-precise errors).
 *
 * @throws {Sec0Error} `POLICY_YAML_SYNTAX` / `POLICY_INVALID` for a broken full policy,
 *   `GUARD_CONFIG_INVALID` for a broken guard policy or JSON.
 */
export function parsePolicyFile(
  text: string,
  file: string,
  parseYaml: (text: string) => unknown,
): GuardPolicyDocument {
  const source = `file:${file}`;
  if (file.toLowerCase().endsWith(".json")) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new GuardConfigError(
        "provider.local.policyPath",
        `${file} is not valid JSON: ${(error as Error).message}`,
      );
    }
    return policyDocumentOf(value, file, source);
  }
  let value: unknown;
  try {
    value = parseYaml(text);
  } catch {
    value = undefined; // parsePolicyYaml reports the syntax error with its line
  }
  if (isGuardRulePolicy(value)) {
    return policyDocumentOf(value, file, source);
  }
  const snapshot = createSnapshot(parsePolicyYaml(text), source);
  return { kind: "policy", snapshot, hash: snapshot.hash };
}
