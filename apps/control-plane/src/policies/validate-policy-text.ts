import { Sec0Error } from "@sec0/core";
import { type ParsedPolicy, parsePolicyYaml } from "@sec0/policy";
import { isMap, parseDocument } from "yaml";
import { httpError } from "../errors.js";

/** One problem in a published policy, as `CP_POLICY_INVALID` lists it in `details.issues`. */
export interface PolicyTextIssue {
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly path: string;
  readonly message: string;
  readonly code: string;
  readonly suggestion?: string;
}

interface IssueLike {
  line?: number;
  column?: number;
  path?: string;
  message?: string;
  code?: string;
  suggestion?: string;
}

/**
 * Validates policy YAML with `parsePolicyYaml` before anything is stored, and checks its
 * `tenant:`. An agent (nodeId) policy may leave `tenant` out (it inherits the base policy's, see
 * docs/adr/0002-policy-scope-merge.md): it is then validated as if `tenant: <path tenant>` were
 * written above its first key, and the line numbers reported are those of the text as sent.
 *
 * @throws {ControlPlaneHttpError} `CP_POLICY_INVALID` (400) with `details.issues` (line,
 *   column, path, message, code) and `details.policyCode` (`POLICY_YAML_SYNTAX` or
 *   `POLICY_INVALID`); `CP_POLICY_TENANT_MISMATCH` (400) when `tenant:` names another tenant.
 * @example
 * validatePolicyText("tenant: acme\n", { tenant: "acme", agentScope: false });
 */
export function validatePolicyText(
  text: string,
  options: { tenant: string; agentScope: boolean },
): ParsedPolicy {
  const inserted = options.agentScope ? tenantInsertion(text, options.tenant) : undefined;
  const policy = parseOrThrow(inserted?.text ?? text, inserted?.line);
  if (policy.tenant !== options.tenant) {
    throw httpError(
      "CP_POLICY_TENANT_MISMATCH",
      `The policy names tenant "${policy.tenant}" but is published to tenant "${options.tenant}"; fix its tenant: field.`,
      { tenant: options.tenant, policyTenant: policy.tenant },
    );
  }
  return policy;
}

function parseOrThrow(text: string, insertedLine: number | undefined): ParsedPolicy {
  try {
    return parsePolicyYaml(text);
  } catch (error) {
    if (!(error instanceof Sec0Error)) throw error;
    const raw = ((error.details as { errors?: IssueLike[] } | undefined)?.errors ?? []) as IssueLike[];
    const issues = raw.map((issue) => toIssue(issue, insertedLine));
    const first = issues[0];
    const where = first?.line === undefined ? "" : ` at line ${first.line}, column ${first.column ?? 1}`;
    throw httpError(
      "CP_POLICY_INVALID",
      `The policy is invalid${where}: ${(first?.message ?? error.message).replace(/\.$/, "")}. Nothing was stored.`,
      { policyCode: error.code, issues },
    );
  }
}

function toIssue(issue: IssueLike, insertedLine: number | undefined): PolicyTextIssue {
  const line =
    issue.line !== undefined && insertedLine !== undefined && issue.line > insertedLine
      ? issue.line - 1
      : issue.line;
  return {
    line,
    column: issue.column,
    path: issue.path ?? "",
    message: issue.message ?? "invalid",
    code: issue.code ?? "invalid",
    ...(issue.suggestion === undefined ? {} : { suggestion: issue.suggestion }),
  };
}

/**
 * Where to write `tenant:` into an agent policy that has none: above the first key of its
 * top-level block mapping. Undefined when the text has a tenant, does not parse, or is not a
 * block mapping starting a line (then it is validated as sent).
 */
function tenantInsertion(text: string, tenant: string): { text: string; line: number } | undefined {
  const doc = parseDocument(text, { prettyErrors: false });
  if (doc.errors.length > 0 || !isMap(doc.contents) || doc.contents.flow === true) return undefined;
  if (doc.contents.has("tenant")) return undefined;
  const offset = doc.contents.range?.[0];
  if (offset === undefined || (offset > 0 && text[offset - 1] !== "\n")) return undefined;
  const line = text.slice(0, offset).split("\n").length;
  return { text: `${text.slice(0, offset)}tenant: ${JSON.stringify(tenant)}\n${text.slice(offset)}`, line };
}
