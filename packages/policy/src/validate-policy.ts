import type { z } from "zod";
import { type ParsedPolicy, toParsedPolicy } from "./parsed-policy.js";
import { formatPath, type PolicyIssue } from "./policy-issue.js";
import { knownKeysAt } from "./schema/known-keys.js";
import { policySchema } from "./schema/policy-schema.js";
import { KNOWN_REASON_CODES } from "./schema/primitives.js";
import { suggestNearest } from "./suggest.js";

/** At most this many issues are reported; the rest are summed up in one final `too_many_issues`. */
export const MAX_REPORTED_ISSUES = 100;

/** Result of {@link validatePolicy}. */
export interface PolicyValidationResult {
  readonly valid: boolean;
  readonly errors: readonly PolicyIssue[];
  readonly policy?: ParsedPolicy;
}

/**
 * Validates a policy object against the schema without throwing. Problems are reported each with
 * its path (the first {@link MAX_REPORTED_ISSUES}, then one `too_many_issues` issue saying how many
 * more); unknown keys and reason codes carry the nearest known one. Runs in linear time.
 *
 * @example
 * const result = validatePolicy({ tenant: "my-app", tools: { allowlist: ["*"] } });
 * if (!result.valid) console.error(result.errors);
 */
export function validatePolicy(input: unknown): PolicyValidationResult {
  const parsed = policySchema.safeParse(input);
  if (parsed.success) return { valid: true, errors: [], policy: toParsedPolicy(parsed.data) };
  return { valid: false, errors: reportIssues(parsed.error.issues, input) };
}

/** Converts zod issues, stopping the (costly) conversion once the report is full. */
function reportIssues(issues: readonly z.core.$ZodIssue[], input: unknown): PolicyIssue[] {
  const out: PolicyIssue[] = [];
  const suggest = cachedSuggester();
  let omitted = 0;
  for (const issue of issues) {
    const room = MAX_REPORTED_ISSUES - out.length;
    if (room <= 0) {
      omitted += issue.code === "unrecognized_keys" ? issue.keys.length : 1;
      continue;
    }
    const converted = toPolicyIssues(issue, input, suggest, room);
    out.push(...converted.issues);
    omitted += converted.omitted;
  }
  if (omitted > 0) {
    out.push({
      path: "",
      segments: [],
      message: `and ${omitted} more issue(s) not listed; fix the ones above and validate again`,
      code: "too_many_issues",
    });
  }
  return out;
}

type Suggester = (word: string, candidates: readonly string[]) => string | undefined;

/** `suggestNearest`, computed once per distinct word and candidate list. */
function cachedSuggester(): Suggester {
  const cache = new Map<readonly string[], Map<string, string | undefined>>();
  return (word, candidates) => {
    let byWord = cache.get(candidates);
    if (byWord === undefined) {
      byWord = new Map();
      cache.set(candidates, byWord);
    }
    if (!byWord.has(word)) byWord.set(word, suggestNearest(word, candidates));
    return byWord.get(word);
  };
}

interface Converted {
  readonly issues: PolicyIssue[];
  readonly omitted: number;
}

function toPolicyIssues(
  issue: z.core.$ZodIssue,
  input: unknown,
  suggest: Suggester,
  room: number,
): Converted {
  if (issue.code === "unrecognized_keys") {
    const issues = unknownKeyIssues(issue, suggest, room);
    return { issues, omitted: issue.keys.length - issues.length };
  }
  return { issues: toPolicyIssue(issue, input, suggest), omitted: 0 };
}

function unknownKeyIssues(
  issue: z.core.$ZodIssueUnrecognizedKeys,
  suggest: Suggester,
  room: number,
): PolicyIssue[] {
  const segments = pathSegments(issue);
  const known = knownKeysAt(policySchema, segments);
  return issue.keys.slice(0, room).map((key) => {
    const suggestion = suggest(key, known);
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

function pathSegments(issue: z.core.$ZodIssue): (string | number)[] {
  return issue.path.filter((part): part is string | number => typeof part !== "symbol");
}

function toPolicyIssue(issue: z.core.$ZodIssue, input: unknown, suggest: Suggester): PolicyIssue[] {
  const segments = pathSegments(issue);
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
    const params = (issue.params ?? {}) as { sec0?: string; suggestion?: string; value?: unknown };
    if (params.sec0 === "unknown_reason_code" && typeof params.value === "string") {
      const near = suggest(params.value, KNOWN_REASON_CODES);
      const hint = near === undefined ? "" : `; did you mean "${near}"?`;
      const suggestion = near === undefined ? {} : { suggestion: near };
      return [{ ...base, message: `${issue.message}${hint}`, code: params.sec0, ...suggestion }];
    }
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
