import { type Decision, expandReasonCodes, nearestAllowlistEntry, parseToolRef } from "@sec0/core";
import type { PolicySnapshot } from "@sec0/policy";
import type { CallStart } from "./call-record.js";

/** What a deny's sentence says beyond its reason: what was checked, and the rule that denied. */
export interface DenialExplanation {
  /** Replaces the reason's table meaning (for a miss: the reference and the nearest entry). */
  readonly meaning?: string;
  /** What was checked, when the meaning does not say it. */
  readonly checked?: string;
  /** The rule that turned the reason into a deny. */
  readonly rule: string;
}

/**
 * Explains a deny: the tool reference with the allowlist entry that matched it, or the nearest
 * entry when none did (`` `mcp://files/delete@1.0` matches no allowlist entry; closest:
 * `mcp://files/read@*` ``), and the rule that denied (`enforcement.deny_on lists …`). Runs on the
 * refusal path only: allowed calls never pay for the nearest-entry search.
 */
export function explainDenial(
  start: CallStart,
  snapshot: PolicySnapshot,
  decision: Decision,
  isRemote: boolean,
): DenialExplanation {
  const rule = ruleOf(snapshot, decision, isRemote);
  const { allowlist } = snapshot.compiled;
  if (decision.reason === "tool_not_in_allowlist")
    return { meaning: describeMiss(start, allowlist.entries), rule };
  const match = allowlist.match(start.ref);
  const checked = match.matched
    ? `\`${start.toolRef}\` matched allowlist entry \`${match.entry}\`.`
    : `\`${start.toolRef}\` matches no allowlist entry.`;
  return { checked, rule };
}

function describeMiss(start: CallStart, entries: readonly string[]): string {
  const head = `\`${start.toolRef}\` matches no allowlist entry`;
  const nearest = nearestAllowlistEntry(entries, start.ref);
  if (nearest === undefined) return `${head}; the allowlist (tools.allowlist) is empty.`;
  if (nearest.respelled === undefined) return `${head}; closest: \`${nearest.entry}\`.`;
  const named = serverOf(nearest.entry);
  const names = named === undefined ? "" : `, which names server \`${named}\``;
  return `${head}; closest: \`${nearest.entry}\`${names}: write \`${nearest.respelled}\`.`;
}

function serverOf(entry: string): string | undefined {
  try {
    return parseToolRef(entry).server;
  } catch {
    return undefined;
  }
}

function ruleOf(snapshot: PolicySnapshot, decision: Decision, isRemote: boolean): string {
  const reason = decision.reason ?? "evaluation_error";
  const enforcement = snapshot.policy.enforcement;
  if (decision.escalationUnavailable === true) {
    return `Rule: ${listing("escalate_on", enforcement?.escalate_on, snapshot.compiled.escalateOn, reason)}.`;
  }
  if (snapshot.compiled.denyOn.includes(reason)) {
    return `Rule: ${listing("deny_on", enforcement?.deny_on, snapshot.compiled.denyOn, reason)}.`;
  }
  if (reason === "contextual_evaluator_denied") return "Rule: the contextual evaluator's verdict.";
  if (isRemote) return "Rule: the remote runtime's decision.";
  return "Rule: a check that could not be made denies, whatever enforcement.deny_on lists.";
}

/** `enforcement.deny_on lists integrity_violation (tool_code_changed)`: the entry as the policy wrote it. */
function listing(
  key: "deny_on" | "escalate_on",
  written: readonly string[] | undefined,
  compiled: readonly string[],
  reason: string,
): string {
  const entry = written?.find((code) => expandReasonCodes([code]).includes(reason));
  if (entry === undefined) {
    return compiled.includes(reason)
      ? `the default enforcement.${key} lists ${reason}`
      : `enforcement.${key}`;
  }
  const name = entry.trim();
  return name === reason
    ? `enforcement.${key} lists ${name}`
    : `enforcement.${key} lists ${name} (${reason})`;
}
