import { z } from "zod";
import { GuardConfigError } from "./guard-errors.js";
import { GUARD_KINDS, type GuardInput, type GuardKind, type GuardOutcome } from "./guard-types.js";

const KindSchema = z.enum(GUARD_KINDS as [GuardKind, ...GuardKind[]]);
const TextList = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

/**
 * One inline guard rule. The first rule whose `kind`, `target` and `tagsAny` all match decides.
 * `target` entries are case-insensitive with `*` as a wildcard (`discord:*`, `https://api.*`).
 */
export const GuardRuleSchema = z.strictObject({
  id: z.string().min(1).max(200).optional(),
  kind: z.union([z.literal("*"), KindSchema, z.array(KindSchema).min(1)]).optional(),
  target: TextList.optional(),
  tagsAny: z.array(z.string().min(1)).min(1).optional(),
  outcome: z.enum(["allow", "redact", "block", "escalate"]),
  reason: z.string().min(1).max(200).optional(),
  violation: z.string().min(1).max(200).optional(),
  redact: z
    .strictObject({
      replacement: z.string().max(100).optional(),
      patterns: z.array(z.string().min(1).max(1000)).max(100).optional(),
    })
    .optional(),
});

/** One inline guard rule (see {@link GuardRuleSchema}). */
export type GuardRule = z.input<typeof GuardRuleSchema>;

/**
 * An inline guard policy: rules tried in order, and the outcome when none matches (default
 * `block`: an input nobody thought of is refused, reason `policy_default_block`).
 */
export const GuardPolicySchema = z.strictObject({
  version: z.union([z.string(), z.number()]).optional(),
  defaultOutcome: z.enum(["allow", "block"]).optional(),
  rules: z.array(GuardRuleSchema).max(10_000).optional(),
});

/** An inline guard policy (see {@link GuardPolicySchema}). */
export type GuardPolicy = z.input<typeof GuardPolicySchema>;

/** What the rules say about one input. */
export interface RuleVerdict {
  readonly outcome: GuardOutcome;
  readonly reason: string;
  /** The rule that matched; `undefined` for the default outcome. */
  readonly rule?: CompiledRule;
}

/** A rule with its matchers built. */
export interface CompiledRule {
  readonly index: number;
  readonly id?: string;
  readonly outcome: GuardOutcome;
  readonly reason: string;
  readonly violation?: string;
  readonly redact?: { readonly replacement?: string; readonly patterns: readonly string[] };
  /** What this rule decides. */
  readonly verdict: RuleVerdict;
  /** `target` lower-cased. */
  matches(input: GuardInput, target: string | undefined): boolean;
}

/** A compiled inline policy: build once, evaluate per input. */
export interface CompiledRulePolicy {
  readonly rules: readonly CompiledRule[];
  readonly defaultOutcome: "allow" | "block";
  evaluate(input: GuardInput, target: string | undefined): RuleVerdict;
}

/**
 * True when `value` is an inline guard policy (it has `rules` or `defaultOutcome`) rather than a
 * full sec0 policy.
 */
export function isGuardRulePolicy(value: unknown): boolean {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  return "rules" in value || "defaultOutcome" in value;
}

/**
 * Validates and compiles an inline guard policy.
 *
 * @throws {GuardConfigError} `GUARD_CONFIG_INVALID` naming the bad field (`details.field`, e.g.
 *   `rules[2].outcome`).
 * @example
 * compileRulePolicy({ defaultOutcome: "allow", rules: [{ kind: "api_call", target: "https://*.internal/*", outcome: "block" }] });
 */
export function compileRulePolicy(policy: unknown, field = "provider.local.policy"): CompiledRulePolicy {
  const parsed = GuardPolicySchema.safeParse(policy);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = `${field}${issue.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("")}`;
    throw new GuardConfigError(path, `${path}: ${issue.message}.`);
  }
  const rules = (parsed.data.rules ?? []).map((rule, index) => compileRule(rule, index));
  const defaultOutcome = parsed.data.defaultOutcome ?? "block";
  const fallback: RuleVerdict = Object.freeze({
    outcome: defaultOutcome,
    reason: defaultOutcome === "block" ? "policy_default_block" : "policy_default_allow",
  });
  return {
    rules,
    defaultOutcome,
    evaluate(input, target) {
      const lower = target?.toLowerCase();
      for (const rule of rules) if (rule.matches(input, lower)) return rule.verdict;
      return fallback;
    },
  };
}

function compileRule(rule: z.output<typeof GuardRuleSchema>, index: number): CompiledRule {
  const kinds = rule.kind === undefined || rule.kind === "*" ? undefined : new Set([rule.kind].flat());
  const targets = rule.target === undefined ? undefined : [rule.target].flat().map(compileWildcard);
  const tags = rule.tagsAny === undefined ? undefined : new Set(rule.tagsAny);
  const reason = rule.reason ?? rule.violation ?? `rule_${rule.id ?? "matched"}`;
  const compiled: CompiledRule = {
    index,
    ...(rule.id === undefined ? {} : { id: rule.id }),
    outcome: rule.outcome,
    reason,
    ...(rule.violation === undefined ? {} : { violation: rule.violation }),
    ...(rule.redact === undefined
      ? {}
      : {
          redact: {
            ...(rule.redact.replacement === undefined ? {} : { replacement: rule.redact.replacement }),
            patterns: rule.redact.patterns ?? [],
          },
        }),
    matches(input, target) {
      if (kinds !== undefined && !kinds.has(input.kind)) return false;
      if (targets !== undefined && (target === undefined || !matchesAny(targets, target))) return false;
      if (tags !== undefined && !(input.context?.tags ?? []).some((tag) => tags.has(tag))) return false;
      return true;
    },
    get verdict(): RuleVerdict {
      return verdict;
    },
  };
  // One frozen verdict per rule: deciding allocates nothing for it.
  const verdict: RuleVerdict = Object.freeze({ outcome: rule.outcome, reason, rule: compiled });
  return compiled;
}

function matchesAny(targets: readonly TargetMatcher[], target: string): boolean {
  for (const matches of targets) if (matches(target)) return true;
  return false;
}

/** A case-insensitive whole-string matcher of a target pattern; only `*` is special. */
type TargetMatcher = (lowerTarget: string) => boolean;

/**
 * `discord:supplier` → string equality, `discord:*` → a prefix test, anything else with `*` → a
 * regex; all case-insensitive (the target is lower-cased once per decision).
 */
function compileWildcard(pattern: string): TargetMatcher {
  const lower = pattern.toLowerCase();
  const star = lower.indexOf("*");
  if (star === -1) return (target) => target === lower;
  if (star === lower.length - 1) {
    const prefix = lower.slice(0, -1);
    return (target) => target.startsWith(prefix);
  }
  const source = lower
    .split("*")
    .map((part) => part.replace(/[.+?^${}()|[\]\\/-]/g, "\\$&"))
    .join("[\\s\\S]*");
  const regex = new RegExp(`^${source}$`);
  return (target) => regex.test(target);
}
