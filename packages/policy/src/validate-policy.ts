import type { z } from "zod";
import { type ParsedPolicy, toParsedPolicy } from "./parsed-policy.js";
import { formatPath, type PolicyIssue } from "./policy-issue.js";
import { knownKeysAt } from "./schema/known-keys.js";
import { policySchema } from "./schema/policy-schema.js";
import { suggestNearest } from "./suggest.js";

/** Result of {@link validatePolicy}. */
export interface PolicyValidationResult {
  readonly valid: boolean;
  readonly errors: readonly PolicyIssue[];
  readonly policy?: ParsedPolicy;
}

/**
 * Validates a policy object against the schema without throwing. Every problem is reported,
 * each with its path; unknown keys carry the nearest known key.
 *
 * @example
 * const result = validatePolicy({ tenant: "my-app", tools: { allowlist: ["*"] } });
 * if (!result.valid) console.error(result.errors);
 */
export function validatePolicy(input: unknown): PolicyValidationResult {
  const parsed = policySchema.safeParse(input);
  if (parsed.success) return { valid: true, errors: [], policy: toParsedPolicy(parsed.data) };
  return { valid: false, errors: parsed.error.issues.flatMap((issue) => toPolicyIssues(issue, input)) };
}

function toPolicyIssues(issue: z.core.$ZodIssue, input: unknown): PolicyIssue[] {
  const segments = issue.path.filter((part): part is string | number => typeof part !== "symbol");
  if (issue.code === "unrecognized_keys") {
    const known = knownKeysAt(policySchema, segments);
    return issue.keys.map((key) => {
      const suggestion = suggestNearest(key, known);
      const hint =
        suggestion === undefined ? ` (allowed: ${known.join(", ")})` : `; did you mean "${suggestion}"?`;
      return {
        path: formatPath([...segments, key]),
        segments: [...segments, key],
        message: `unknown key "${key}"${hint}`,
        code: "unknown_key",
        ...(suggestion === undefined ? {} : { suggestion }),
      };
    });
  }
  const base = { path: formatPath(segments), segments };
  if (issue.code === "invalid_type") {
    const value = valueAt(input, segments);
    if (segments.length === 0 && (value === null || value === undefined)) {
      return [
        { ...base, message: "the policy is empty; start with `tenant: <your tenant>`", code: "missing" },
      ];
    }
    if (value === undefined) {
      return [{ ...base, message: "is required", code: "missing" }];
    }
    return [
      { ...base, message: `expected ${issue.expected}, got ${describeValue(value)}`, code: "invalid_type" },
    ];
  }
  if (issue.code === "invalid_value") {
    const allowed = issue.values.map((value) => JSON.stringify(value)).join(", ");
    return [{ ...base, message: `must be one of ${allowed}`, code: "invalid_value" }];
  }
  if (issue.code === "too_small" || issue.code === "too_big") {
    return [{ ...base, message: rangeMessage(issue), code: "out_of_range" }];
  }
  if (issue.code === "custom") {
    const params = (issue.params ?? {}) as { sec0?: string; suggestion?: string };
    return [
      {
        ...base,
        message: issue.message,
        code: params.sec0 ?? "invalid_value",
        ...(params.suggestion === undefined ? {} : { suggestion: params.suggestion }),
      },
    ];
  }
  return [{ ...base, message: issue.message, code: "invalid_value" }];
}

function rangeMessage(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig): string {
  const bound = issue.code === "too_small" ? issue.minimum : issue.maximum;
  const word = issue.code === "too_small" ? "at least" : "at most";
  if (issue.origin === "string") return `must be ${word} ${bound} character(s) long`;
  if (issue.origin === "array") return `must have ${word} ${bound} item(s)`;
  return `must be ${word} ${bound}`;
}

function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string")
    return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `${typeof value} ${String(value)}`;
}

function valueAt(input: unknown, segments: readonly (string | number)[]): unknown {
  let current = input;
  for (const segment of segments) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}
