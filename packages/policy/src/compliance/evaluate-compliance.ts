import type { Severity } from "@sec0/core";
import { POLICY_DEFAULTS } from "../defaults.js";
import type { CompiledCompliance, CompiledComplianceRule } from "./compile-compliance.js";
import type { ComplianceJudge } from "./judge.js";
import { judgeText } from "./judge-text.js";

/** A matched compliance rule, with the fields of 0.2.3's `agent_policy_violation` findings. */
export interface ComplianceFinding {
  readonly code: "agent_policy_violation";
  readonly pack_id: string;
  readonly pack_name: string;
  readonly rule_id: string;
  readonly policy_id: string;
  readonly policy_name: string;
  readonly rule_type: "regex" | "nl";
  readonly severity: Severity;
  readonly message: string;
  /** The match with up to 40 characters either side (regex), or the score and an excerpt (nl). */
  readonly evidence: string;
  readonly location: "input" | "output" | "run";
  readonly tags: readonly string[];
  readonly score?: number;
}

/** What to scan; objects are scanned by their string leaves joined with newlines. */
export interface ComplianceTarget {
  readonly input?: unknown;
  readonly output?: unknown;
  readonly run?: string;
}

/** Result of {@link evaluateCompliance}. */
export interface ComplianceResult {
  readonly findings: readonly ComplianceFinding[];
  readonly judgeFailures: readonly {
    readonly ruleId: string;
    readonly packId: string;
    readonly error: string;
  }[];
  /** `compliance_violation` when there are findings; `judge_unavailable` after a judge failure unless skipped. */
  readonly reasons: readonly string[];
  /** Set when a judge failure must deny (`on_judge_error: deny`): pass it to `decide` as a fault. */
  readonly faults: readonly string[];
  /** Reasons a judge failure must escalate (`on_judge_error: escalate`): add them to `escalateOn`. */
  readonly escalate: readonly string[];
}

/**
 * Runs the regex rules synchronously and returns their findings (no judge involved).
 *
 * @example
 * evaluateComplianceRegex(compiled.compliance, { output: "password=hunter2" });
 */
export function evaluateComplianceRegex(
  compiled: CompiledCompliance,
  target: ComplianceTarget,
): ComplianceFinding[] {
  const findings: ComplianceFinding[] = [];
  for (const [location, text] of textsOf(target)) {
    for (const rule of compiled.rules) {
      if (rule.type !== "regex" || !appliesTo(rule, location)) continue;
      const finding = matchRegexRule(rule, location, text);
      if (finding !== undefined) findings.push(finding);
      if (findings.length >= POLICY_DEFAULTS.compliance.maxFindings) return findings;
    }
  }
  return findings;
}

/**
 * Runs every active rule: regex rules locally, natural-language rules through the injected judge.
 * Long texts are judged in overlapping chunks. A judge that throws, hangs past
 * `compliance.judge_timeout_ms`, answers without a valid score, a text too large to judge, or no
 * judge at all is handled per `compliance.on_judge_error` (default `deny`: a fault).
 */
export async function evaluateCompliance(
  compiled: CompiledCompliance,
  target: ComplianceTarget,
  options: { judge?: ComplianceJudge; signal?: AbortSignal } = {},
): Promise<ComplianceResult> {
  const findings = evaluateComplianceRegex(compiled, target);
  const judgeFailures: { ruleId: string; packId: string; error: string }[] = [];
  const jobs: Promise<void>[] = [];
  for (const [location, text] of textsOf(target)) {
    for (const rule of compiled.rules) {
      if (rule.type !== "nl" || !appliesTo(rule, location) || text.length === 0) continue;
      jobs.push(
        judgeRule(rule, location, text, { ...options, timeoutMs: compiled.judgeTimeoutMs }).then(
          (finding) => void (finding && findings.push(finding)),
          (error: unknown) =>
            void judgeFailures.push({ ruleId: rule.ruleId, packId: rule.packId, error: messageOf(error) }),
        ),
      );
    }
  }
  await Promise.all(jobs);
  const kept = findings.slice(0, POLICY_DEFAULTS.compliance.maxFindings);
  const failed = judgeFailures.length > 0 && compiled.onJudgeError !== "skip";
  return {
    findings: kept,
    judgeFailures,
    reasons: [...(kept.length > 0 ? ["compliance_violation"] : []), ...(failed ? ["judge_unavailable"] : [])],
    faults: failed && compiled.onJudgeError === "deny" ? ["judge_unavailable"] : [],
    escalate: failed && compiled.onJudgeError === "escalate" ? ["judge_unavailable"] : [],
  };
}

async function judgeRule(
  rule: CompiledComplianceRule,
  location: "input" | "output" | "run",
  text: string,
  options: { judge?: ComplianceJudge; signal?: AbortSignal; timeoutMs: number },
): Promise<ComplianceFinding | undefined> {
  if (options.judge === undefined) {
    throw new Error("no compliance judge is configured (set llm_judge in the policy or pass adapters.judge)");
  }
  const verdict = await judgeText(options.judge, text, {
    instruction: rule.instruction ?? "",
    threshold: rule.threshold,
    ruleId: rule.ruleId,
    timeoutMs: options.timeoutMs,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  if (verdict.score < rule.threshold) return undefined;
  const detail = verdict.evidence ?? verdict.chunk.slice(0, 240);
  return {
    ...findingBase(rule, location),
    evidence: `score=${verdict.score} threshold=${rule.threshold}; ${detail}`,
    score: verdict.score,
  };
}

function matchRegexRule(rule: CompiledComplianceRule, location: "input" | "output" | "run", text: string) {
  for (const pattern of rule.patterns) {
    const match = pattern.exec(text);
    if (match === null) continue;
    const start = Math.max(0, match.index - 40);
    const end = Math.min(text.length, match.index + match[0].length + 40);
    return { ...findingBase(rule, location), evidence: text.slice(start, end) };
  }
  return undefined;
}

function findingBase(rule: CompiledComplianceRule, location: "input" | "output" | "run") {
  return {
    code: "agent_policy_violation" as const,
    pack_id: rule.packId,
    pack_name: rule.packName,
    rule_id: rule.ruleId,
    policy_id: rule.policyId,
    policy_name: rule.policyName,
    rule_type: rule.type,
    severity: rule.severity,
    message: rule.message,
    location,
    tags: rule.tags,
  };
}

function appliesTo(rule: CompiledComplianceRule, location: "input" | "output" | "run"): boolean {
  if (location === "run") return rule.location === "run";
  return rule.location === location || rule.location === "both";
}

function textsOf(target: ComplianceTarget): Array<["input" | "output" | "run", string]> {
  const texts: Array<["input" | "output" | "run", string]> = [];
  if (target.input !== undefined) texts.push(["input", leavesOf(target.input)]);
  if (target.output !== undefined) texts.push(["output", leavesOf(target.output)]);
  if (target.run !== undefined) texts.push(["run", target.run]);
  return texts;
}

function leavesOf(value: unknown): string {
  if (typeof value === "string") return value;
  const out: string[] = [];
  const seen = new Set<object>();
  const visit = (node: unknown, depth: number): void => {
    if (typeof node === "string") out.push(node);
    else if (typeof node === "number" || typeof node === "boolean") out.push(String(node));
    else if (node !== null && typeof node === "object" && depth < 64 && !seen.has(node)) {
      seen.add(node);
      for (const child of Array.isArray(node) ? node : Object.values(node)) visit(child, depth + 1);
    }
  };
  visit(value, 0);
  return out.join("\n");
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
