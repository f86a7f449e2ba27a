import type { Severity } from "@sec0/core";
import { POLICY_DEFAULTS } from "../defaults.js";
import type { CompliancePolicy, LlmJudgeConfig } from "../schema/compliance.js";
import { compileUserRegex } from "../user-regex.js";

/** Where a rule looks: tool input, tool output, both, or the run context. */
export type ComplianceLocation = "input" | "output" | "both" | "run";

/** One active rule, ready to run. */
export interface CompiledComplianceRule {
  readonly packId: string;
  readonly packName: string;
  readonly policyId: string;
  readonly policyName: string;
  readonly ruleId: string;
  readonly type: "regex" | "nl";
  readonly location: ComplianceLocation;
  readonly severity: Severity;
  readonly message: string;
  readonly patterns: readonly RegExp[];
  readonly instruction?: string;
  readonly threshold: number;
  readonly tags: readonly string[];
}

/** The compliance section compiled once per policy. */
export interface CompiledCompliance {
  readonly rules: readonly CompiledComplianceRule[];
  readonly onJudgeError: "skip" | "escalate" | "deny";
  /** Milliseconds one judge request may take (`compliance.judge_timeout_ms`). */
  readonly judgeTimeoutMs: number;
  readonly llmJudge?: LlmJudgeConfig;
}

/**
 * Compiles the rules of packs referenced by enabled compliance policies. Regex patterns are
 * compiled once, case-insensitively (as 0.2.3 did; a leading `(?i)` is accepted).
 *
 * @throws {Sec0Error} `POLICY_REGEX_INVALID` for a pattern that does not compile (validated
 *   policies never contain one).
 */
export function compileCompliance(
  section: CompliancePolicy | undefined,
  llmJudge?: LlmJudgeConfig,
): CompiledCompliance {
  const judge = section?.llm_judge ?? llmJudge;
  const base = {
    onJudgeError: section?.on_judge_error ?? POLICY_DEFAULTS.compliance.onJudgeError,
    judgeTimeoutMs: section?.judge_timeout_ms ?? POLICY_DEFAULTS.compliance.judgeTimeoutMs,
    ...(judge === undefined ? {} : { llmJudge: judge }),
  };
  const packs = new Map((section?.packs ?? []).map((pack) => [pack.id, pack]));
  const rules: CompiledComplianceRule[] = [];
  const seen = new Set<string>();
  for (const policy of section?.policies ?? []) {
    if (!policy.enabled) continue;
    for (const packId of policy.pack_ids) {
      const pack = packs.get(packId);
      if (pack === undefined || seen.has(packId)) continue;
      seen.add(packId);
      for (const rule of pack.rules) {
        const type = rule.type ?? "regex";
        rules.push({
          packId: pack.id,
          packName: pack.name,
          policyId: policy.id,
          policyName: policy.name,
          ruleId: rule.id,
          type,
          location: rule.location ?? POLICY_DEFAULTS.compliance.location,
          severity: rule.severity ?? POLICY_DEFAULTS.compliance.severity,
          message: rule.message ?? `Compliance rule matched (${pack.name}:${rule.id})`,
          patterns:
            type === "regex" ? (rule.patterns ?? []).map((pattern) => compileUserRegex(pattern, "i")) : [],
          ...(rule.instruction === undefined ? {} : { instruction: rule.instruction }),
          threshold: rule.threshold ?? POLICY_DEFAULTS.compliance.nlThreshold,
          tags: [
            `pack:${pack.id}`,
            `policy:${policy.id}`,
            `rule:${rule.id}`,
            `rule_type:${type}`,
            ...(rule.tags ?? []),
          ],
        });
      }
    }
  }
  return { ...base, rules };
}
