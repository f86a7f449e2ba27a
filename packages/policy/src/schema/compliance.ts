import { z } from "zod";
import { regexSchema, severitySchema } from "./primitives.js";

const ruleSchema = z
  .strictObject({
    id: z.string().min(1),
    name: z.string().optional(),
    description: z.string().optional(),
    type: z.enum(["regex", "nl"]).optional(),
    location: z.enum(["input", "output", "both", "run"]).optional(),
    severity: severitySchema.optional(),
    message: z.string().optional(),
    patterns: z.array(regexSchema).optional(),
    instruction: z.string().min(1).optional(),
    threshold: z.number().min(0).max(100).optional(),
    tags: z.array(z.string()).optional(),
  })
  .superRefine((rule, ctx) => {
    const type = rule.type ?? "regex";
    if (type === "nl" && rule.instruction === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["instruction"],
        message: "an nl rule needs an instruction for the judge",
      });
    }
    if (type === "regex" && (rule.patterns === undefined || rule.patterns.length === 0)) {
      ctx.addIssue({
        code: "custom",
        path: ["patterns"],
        message: "a regex rule needs at least one pattern",
      });
    }
  });

const packSchema = z.strictObject({
  id: z.string().min(1),
  name: z.string().min(1),
  description: z.string().optional(),
  rules: z.array(ruleSchema),
});

const compliancePolicySchema = z.strictObject({
  id: z.string().min(1),
  name: z.string().min(1),
  enabled: z.boolean(),
  pack_ids: z.array(z.string().min(1)),
});

/** Which model provider a natural-language judge uses (forwarded to the judge implementation). */
export const llmJudgeSchema = z.strictObject({
  provider: z.enum(["openai", "anthropic"]),
  /** `env://NAME`: the environment variable holding the key (else `SEC0_JUDGE_API_KEY`). */
  api_key: z.string().optional(),
  model: z.string().optional(),
  /** An OpenAI-compatible endpoint, e.g. a local server; default the provider's own. */
  base_url: z.url({ protocol: /^https?$/ }).optional(),
});

/** The `compliance` section: packs of rules, policies enabling packs, judge settings. */
export const complianceSchema = z
  .strictObject({
    packs: z.array(packSchema).optional(),
    policies: z.array(compliancePolicySchema).optional(),
    llm_judge: llmJudgeSchema.optional(),
    /** What a failing judge means for an NL rule: skip the rule, escalate, or deny. */
    on_judge_error: z.enum(["skip", "escalate", "deny"]).optional(),
    /** How long one judge request may take before it counts as a judge failure. */
    judge_timeout_ms: z.number().int().min(1).max(300_000).optional(),
  })
  .superRefine((section, ctx) => {
    const packIds = new Set((section.packs ?? []).map((pack) => pack.id));
    (section.policies ?? []).forEach((policy, index) => {
      policy.pack_ids.forEach((id, at) => {
        if (!packIds.has(id)) {
          ctx.addIssue({
            code: "custom",
            path: ["policies", index, "pack_ids", at],
            message: `no pack has id "${id}" (known: ${[...packIds].join(", ") || "none"})`,
          });
        }
      });
    });
  });

/** A compliance rule as written. */
export type ComplianceRulePolicy = z.infer<typeof ruleSchema>;
/** A compliance pack as written. */
export type CompliancePackPolicy = z.infer<typeof packSchema>;
/** The `compliance` section as written. */
export type CompliancePolicy = z.infer<typeof complianceSchema>;
/** The `llm_judge` settings. */
export type LlmJudgeConfig = z.infer<typeof llmJudgeSchema>;
