import { type Decision, decide } from "@sec0/core";
import type { ComplianceJudge } from "@sec0/policy";
import type { AuditFinding } from "../audit/build-audit-envelope.js";
import type { EffectiveAgentGuard } from "../content/guard-cache.js";
import { evaluateFullPolicy } from "./evaluate-full-policy.js";
import type { ResolvedGuardPolicy } from "./guard-policy.js";
import type { GuardDecision, GuardInput, GuardMode, GuardOutcome, GuardProviderInfo } from "./guard-types.js";
import { type ContentRedactor, createContentRedactor } from "./redact-content.js";
import type { CompiledRule } from "./rule-policy.js";

/** A decision before any escalation, with the audit decision to record. */
export interface DraftDecision {
  readonly decision: GuardDecision;
  readonly auditDecision: "allow" | "deny" | "escalate" | "redact" | "would_deny";
}

/** What deciding needs beyond the input and its policy. */
export interface DecideDeps {
  readonly mode: GuardMode;
  readonly escalationAvailable: boolean;
  readonly agentGuardFor: (
    document: Extract<ResolvedGuardPolicy["document"], { kind: "policy" }>,
  ) => EffectiveAgentGuard;
  readonly judge?: ComplianceJudge;
}

const NO_REASONS: readonly string[] = Object.freeze([]);
const redactors = new WeakMap<CompiledRule, ContentRedactor>();
const providers = new WeakMap<ResolvedGuardPolicy, GuardProviderInfo>();

/** The provider facts of a resolved policy, built once per resolution (an inline one: once). */
function providerInfo(resolved: ResolvedGuardPolicy, mode: GuardMode): GuardProviderInfo {
  let info = providers.get(resolved);
  if (info === undefined) {
    info = Object.freeze({
      mode,
      source: resolved.source,
      policyHash: resolved.document.hash,
      ...(resolved.fallbackReason === undefined ? {} : { fallbackReason: resolved.fallbackReason }),
    });
    providers.set(resolved, info);
  }
  return info;
}

/**
 * Decides one input with its policy. Inline rules: the first matching rule's outcome, through the
 * same decision algebra as a full policy (`decide` of `@sec0/core`), so a rule that escalates with
 * no escalation channel blocks. Full policies: see `evaluateFullPolicy`.
 */
export function decideGuardInput(
  input: GuardInput,
  target: string | undefined,
  resolved: ResolvedGuardPolicy,
  deps: DecideDeps,
): DraftDecision | Promise<DraftDecision> {
  const base = { kind: input.kind, target: target ?? null, provider: providerInfo(resolved, deps.mode) };
  const { document } = resolved;
  if (document.kind === "rules") {
    const verdict = document.rules.evaluate(input, target);
    if (verdict.outcome === "allow") {
      const decision: GuardDecision = {
        outcome: "allow",
        shouldProceed: true,
        kind: base.kind,
        target: base.target,
        reason: null,
        reasons: NO_REASONS,
        provider: base.provider,
      };
      return { decision, auditDecision: "allow" };
    }
    if (verdict.outcome === "redact") {
      const rule = verdict.rule as CompiledRule;
      let redactor = redactors.get(rule);
      if (redactor === undefined) {
        redactor = createContentRedactor(rule.redact, `rules[${rule.index}].redact`);
        redactors.set(rule, redactor);
      }
      return {
        decision: {
          ...base,
          outcome: "redact",
          shouldProceed: true,
          reason: verdict.reason,
          reasons: [verdict.reason],
          redactedContent: redactor(input.content ?? ""),
        },
        auditDecision: "redact",
      };
    }
    const decision = decide({
      mode: "enforce",
      denyOn: verdict.outcome === "block" ? [verdict.reason] : [],
      escalateOn: verdict.outcome === "escalate" ? [verdict.reason] : [],
      reasons: [verdict.reason],
      escalationAvailable: deps.escalationAvailable,
    });
    const violation = verdict.rule?.violation ?? verdict.reason;
    return fromDecision(base, decision, [], undefined, violation);
  }
  const full = evaluateFullPolicy(input, target, document.snapshot, deps.agentGuardFor(document), {
    ...(deps.judge === undefined ? {} : { judge: deps.judge }),
    escalationAvailable: deps.escalationAvailable,
  });
  const finish = (verdict: Awaited<typeof full>): DraftDecision =>
    fromDecision(base, verdict.decision, verdict.findings, verdict.redacted, verdict.decision.reason);
  return full instanceof Promise ? full.then(finish) : finish(full);
}

function fromDecision(
  base: Pick<GuardDecision, "kind" | "target" | "provider">,
  decision: Decision,
  findings: readonly AuditFinding[],
  redacted: unknown,
  violation: string | undefined,
): DraftDecision {
  const outcome: GuardOutcome =
    decision.action === "deny"
      ? "block"
      : decision.action === "escalate"
        ? "escalate"
        : redacted !== undefined
          ? "redact"
          : "allow";
  const auditDecision =
    outcome === "block"
      ? "deny"
      : outcome === "allow" && decision.mode === "observe" && decision.wouldBe !== "allow"
        ? "would_deny"
        : outcome;
  const refused = outcome === "block" || outcome === "escalate";
  return {
    decision: {
      ...base,
      outcome,
      shouldProceed: !refused,
      reason: decision.reason ?? null,
      reasons: [...decision.reasons],
      ...(refused && violation !== undefined ? { violation } : {}),
      ...(findings.length === 0 ? {} : { findings }),
      ...(outcome === "redact" ? { redactedContent: redacted } : {}),
      ...(outcome === "escalate" ? { escalation: { shouldEscalate: true, waitForResolution: true } } : {}),
    },
    auditDecision,
  };
}
