import type { EscalationRecord } from "./escalation-types.js";
import { isBlockValue, valueText } from "./value-text.js";

/** One labelled fact of the detail, as text. */
export interface Fact {
  readonly label: string;
  readonly value: string;
  /** Shown in monospace (ids, refs, codes). */
  readonly code?: boolean;
  /** Spans lines (JSON): shown in a `<pre>`. */
  readonly block?: boolean;
}

/** One finding the guard attached (`metadata.findings`). */
export interface Finding {
  readonly code: string;
  readonly severity?: string;
  readonly message?: string;
}

interface FactSpec {
  readonly label: string;
  /** The record's own member, read first. */
  readonly field?: string;
  /** Metadata members read when the record's member is empty, in order. */
  readonly meta?: readonly string[];
  readonly code?: boolean;
}

const TOOL: FactSpec = {
  label: "Tool",
  field: "tool_ref",
  meta: ["tool_ref", "toolRef", "tool"],
  code: true,
};
const REASON: FactSpec = { label: "Reason", field: "violation", meta: ["violation", "reason"], code: true };
const NODE: FactSpec = { label: "Agent node", field: "node_id", meta: ["node_id", "nodeId"], code: true };
const RUN: FactSpec = {
  label: "Agent run",
  field: "agent_ref",
  meta: ["run_id", "runId", "agent_ref"],
  code: true,
};
const STRATEGY: FactSpec = { label: "Approval strategy", field: "approval_strategy" };

/** The facts the detail lists, in order; where the guard puts each (settle-escalation.ts). */
const FACTS: readonly FactSpec[] = [
  TOOL,
  REASON,
  { label: "All reasons", meta: ["reasons"], code: true },
  { label: "Severity", field: "severity", meta: ["severity"] },
  { label: "Rule", field: "rule_id", meta: ["rule_id"], code: true },
  NODE,
  RUN,
  { label: "Message", field: "message" },
  { label: "Summary", field: "content" },
  { label: "Surface", meta: ["layer", "surface"] },
  { label: "Source", meta: ["source"] },
  { label: "Trace", meta: ["trace_id", "traceId"], code: true },
  { label: "Call digest", field: "call_digest", meta: ["call_digest"], code: true },
  STRATEGY,
  { label: "Required roles", field: "required_roles" },
  { label: "Veto roles", field: "veto_roles" },
];

/** Record members the detail shows elsewhere (status, times) or through {@link FACTS}. */
const SHOWN_FIELDS = new Set([
  "id",
  "status",
  "expires_at",
  "created_at",
  "resolved_at",
  "finalization_reason",
  "requester_status_message",
  "metadata",
  "approvals",
  "rejections",
  "min_approvals",
  "min_rejections",
  ...FACTS.flatMap((spec) => (spec.field === undefined ? [] : [spec.field])),
]);

/** Members never shown: the requester's one-time approval token is not for approvers' eyes. */
const HIDDEN_FIELDS = new Set(["approval_token", "approval_token_expires_at"]);

/** Metadata members the detail shows in their own sections. */
const ARGUMENT_MEMBERS = new Set(["arguments", "arguments_truncated"]);

function metadataOf(record: EscalationRecord): Readonly<Record<string, unknown>> {
  const { metadata } = record;
  return metadata !== null && typeof metadata === "object" && !Array.isArray(metadata) ? metadata : {};
}

/** The text of a spec's fact and the metadata members it shows. */
function factOf(record: EscalationRecord, spec: FactSpec): { value: string; uses: readonly string[] } {
  const metadata = metadataOf(record);
  const own = spec.field === undefined ? "" : valueText(record[spec.field] ?? undefined);
  const value =
    own !== "" ? own : (spec.meta ?? []).map((key) => valueText(metadata[key])).find((t) => t !== "");
  const text = value ?? "";
  const uses = (spec.meta ?? []).filter((key) => text !== "" && valueText(metadata[key]) === text);
  return { value: text, uses };
}

/**
 * The escalation's facts as label and text, in a fixed order: the tool ref, the reason (violation)
 * and all reasons, severity, rule, the agent's node and run, message, summary, surface, source,
 * trace, call digest and the approval rules with their counts. The record's member comes first,
 * then the guard's metadata (`metadata.tool_ref`, `metadata.reasons`, `metadata.trace_id`…).
 * Facts with no value are left out.
 *
 * @example
 * factsOf({ id: "esc_1", status: "pending", tool_ref: "mcp://files/delete@1.0" });
 * // [{ label: "Tool", value: "mcp://files/delete@1.0", code: true }]
 */
export function factsOf(record: EscalationRecord): readonly Fact[] {
  const facts: Fact[] = [];
  for (const spec of FACTS) {
    const { value } = factOf(record, spec);
    if (value !== "") facts.push({ label: spec.label, value, ...(spec.code === true ? { code: true } : {}) });
    // The counts go with the strategy they are counted for.
    if (spec === STRATEGY) facts.push(...countFacts(record));
  }
  return facts;
}

function countFacts(record: EscalationRecord): Fact[] {
  const counts: Fact[] = [];
  const of = (count: unknown, needed: unknown) =>
    typeof needed === "number" ? `${typeof count === "number" ? count : 0} of ${needed} needed` : undefined;
  const approvals = of(record.approvals, record.min_approvals);
  const rejections = of(record.rejections, record.min_rejections);
  if (approvals !== undefined) counts.push({ label: "Approvals", value: approvals });
  if (rejections !== undefined) counts.push({ label: "Rejections", value: rejections });
  return counts;
}

/**
 * The guard's findings (`metadata.findings`: `{code, severity, message}`; possibly none), or
 * `undefined` when the metadata has no such list (one of another shape is listed with the other
 * metadata).
 */
export function findingsOf(record: EscalationRecord): readonly Finding[] | undefined {
  const findings = metadataOf(record).findings;
  if (!Array.isArray(findings)) return undefined;
  const valid = findings.every(
    (item) =>
      item !== null &&
      typeof item === "object" &&
      typeof (item as Record<string, unknown>).code === "string" &&
      ["string", "undefined"].includes(typeof (item as Record<string, unknown>).severity) &&
      ["string", "undefined"].includes(typeof (item as Record<string, unknown>).message),
  );
  return valid ? (findings as Finding[]) : undefined;
}

/**
 * Every metadata member no other section shows (the facts, the arguments, the findings), as label
 * and text: nothing the requester attached is left out.
 */
export function otherMetadataOf(record: EscalationRecord): readonly Fact[] {
  const metadata = metadataOf(record);
  const used = new Set<string>(ARGUMENT_MEMBERS);
  for (const spec of FACTS) for (const key of factOf(record, spec).uses) used.add(key);
  if (findingsOf(record) !== undefined) used.add("findings");
  return Object.entries(metadata)
    .filter(([key]) => !used.has(key))
    .map(([key, value]) => factOfMember(key, value));
}

/** A member of no known meaning as a fact; an empty one says so rather than showing nothing. */
function factOfMember(key: string, value: unknown): Fact {
  const text = valueText(value);
  return { label: key, value: text === "" ? "(empty)" : text, block: isBlockValue(value), code: true };
}

/** The record's members no section knows (a newer control plane's), as label and text. */
export function otherFieldsOf(record: EscalationRecord): readonly Fact[] {
  return Object.entries(record)
    .filter(([key, value]) => !SHOWN_FIELDS.has(key) && !HIDDEN_FIELDS.has(key) && value !== undefined)
    .map(([key, value]) => factOfMember(key, value));
}

/** The tool ref of an escalation (the record's, else the guard's `metadata.tool_ref`), or `undefined`. */
export function toolRefOf(record: EscalationRecord): string | undefined {
  const { value } = factOf(record, TOOL);
  return value === "" ? undefined : value;
}

/** The reason of an escalation (its violation), or `undefined`. */
export function reasonOf(record: EscalationRecord): string | undefined {
  const { value } = factOf(record, REASON);
  return value === "" ? undefined : value;
}

/** `node · run` of the agent that made the call, or `undefined` when neither is known. */
export function agentOf(record: EscalationRecord): string | undefined {
  const node = factOf(record, NODE).value;
  const run = factOf(record, RUN).value;
  const parts = [node, run].filter((part) => part !== "");
  return parts.length === 0 ? undefined : parts.join(" · ");
}
