import { Sec0Error } from "@sec0/core";
import { type ParsedPolicy, parsePolicyYaml } from "@sec0/policy";
import { type ControlPlaneHttpError, httpError } from "../errors.js";
import { lineAsSent, tenantInsertion, tenantPosition } from "./policy-tenant-field.js";

/** One problem in a published policy, as `CP_POLICY_INVALID` lists it in `details.issues`. */
export interface PolicyTextIssue {
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly path: string;
  readonly message: string;
  readonly code: string;
  readonly suggestion?: string;
}

/** Where the policy is published: its tenant, and whether it is an agent's (nodeId) policy. */
export interface PolicyTextTarget {
  readonly tenant: string;
  readonly agentScope: boolean;
}

/**
 * The outcome of {@link checkPolicyText}: the parsed policy, or its issues and the problem the
 * publish route answers with.
 */
export type PolicyTextCheck =
  | { readonly valid: true; readonly policy: ParsedPolicy }
  | {
      readonly valid: false;
      readonly issues: readonly PolicyTextIssue[];
      readonly problem: ControlPlaneHttpError;
    };

interface IssueLike {
  line?: number;
  column?: number;
  path?: string;
  message?: string;
  code?: string;
  suggestion?: string;
}

/**
 * Validates policy YAML with `parsePolicyYaml` and checks its `tenant:`, as a value (never
 * thrown). An agent (nodeId) policy may leave `tenant` out (it inherits the base policy's, see
 * docs/adr/0002-policy-scope-merge.md): it is then validated as if `tenant: <path tenant>` were
 * written above its first key, and the line numbers reported are those of the text as sent. A
 * `tenant:` naming another tenant is one issue with code `CP_POLICY_TENANT_MISMATCH`, at the
 * value's line.
 *
 * @example
 * const check = checkPolicyText("tenant: acme\nbogus: 1\n", { tenant: "acme", agentScope: false });
 * if (!check.valid) check.issues[0]; // { line: 2, column: 1, code: "unknown_key", ... }
 */
export function checkPolicyText(text: string, target: PolicyTextTarget): PolicyTextCheck {
  const inserted = target.agentScope ? tenantInsertion(text, target.tenant) : undefined;
  const parsed = parse(inserted?.text ?? text, inserted?.line);
  if (!parsed.valid || parsed.policy.tenant === target.tenant) return parsed;
  const message = `The policy names tenant "${parsed.policy.tenant}" but is published to tenant "${target.tenant}"; fix its tenant: field.`;
  const position = tenantPosition(text);
  return {
    valid: false,
    issues: [
      {
        line: position?.line,
        column: position?.column,
        path: "tenant",
        message,
        code: "CP_POLICY_TENANT_MISMATCH",
      },
    ],
    problem: httpError("CP_POLICY_TENANT_MISMATCH", message, {
      tenant: target.tenant,
      policyTenant: parsed.policy.tenant,
    }),
  };
}

/**
 * {@link checkPolicyText} for a publish: the parsed policy, or the problem thrown.
 *
 * @throws {ControlPlaneHttpError} `CP_POLICY_INVALID` (400) with `details.issues` (line,
 *   column, path, message, code) and `details.policyCode` (`POLICY_YAML_SYNTAX` or
 *   `POLICY_INVALID`); `CP_POLICY_TENANT_MISMATCH` (400) when `tenant:` names another tenant.
 * @example
 * validatePolicyText("tenant: acme\n", { tenant: "acme", agentScope: false });
 */
export function validatePolicyText(text: string, target: PolicyTextTarget): ParsedPolicy {
  const check = checkPolicyText(text, target);
  if (!check.valid) throw check.problem;
  return check.policy;
}

function parse(text: string, insertedLine: number | undefined): PolicyTextCheck {
  try {
    return { valid: true, policy: parsePolicyYaml(text) };
  } catch (error) {
    if (!(error instanceof Sec0Error)) throw error;
    const raw = ((error.details as { errors?: IssueLike[] } | undefined)?.errors ?? []) as IssueLike[];
    const issues = raw.map((issue) => toIssue(issue, insertedLine));
    const first = issues[0];
    const where = first?.line === undefined ? "" : ` at line ${first.line}, column ${first.column ?? 1}`;
    const problem = httpError(
      "CP_POLICY_INVALID",
      `The policy is invalid${where}: ${(first?.message ?? error.message).replace(/\.$/, "")}. Nothing was stored.`,
      { policyCode: error.code, issues },
    );
    return { valid: false, issues, problem };
  }
}

function toIssue(issue: IssueLike, insertedLine: number | undefined): PolicyTextIssue {
  return {
    line: lineAsSent(issue.line, insertedLine),
    column: issue.column,
    path: issue.path ?? "",
    message: issue.message ?? "invalid",
    code: issue.code ?? "invalid",
    ...(issue.suggestion === undefined ? {} : { suggestion: issue.suggestion }),
  };
}
