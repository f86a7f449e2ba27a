import type { EvaluatorInput } from "./schema.js";

const RANK: Record<string, number> = {
  public: 0,
  low: 0,
  internal: 1,
  private: 1,
  personal: 1,
  medium: 1,
  confidential: 2,
  sensitive: 2,
  high: 2,
  restricted: 3,
  secret: 3,
  critical: 3,
};
const WRITE_OP = /create|update|delete|write|send|execute|approve|post|transfer|pay/i;

/** Rank of a classification label: 0 public … 3 restricted; an unknown label ranks 1. */
export function classificationRank(label: string | undefined): number {
  return label === undefined ? 0 : (RANK[label.toLowerCase()] ?? 1);
}

/** What the local scorer derives from an input before checking principles. */
export interface ActionFacts {
  /** Lower-cased target boundary (or data destination). */
  readonly boundary: string | undefined;
  /** Every classification the action touches: data, target and sources. */
  readonly classes: readonly string[];
  readonly maxClass: number;
  /** Scopes the action needs that `authority.grantedScopes` lacks (none when no scope is granted). */
  readonly missingScopes: readonly string[];
  /** Unresolved prerequisites, required ones listed again (deduplicate before display). */
  readonly unresolved: readonly string[];
  readonly justification: string;
}

/** Derives the {@link ActionFacts} of a validated evaluator input. */
export function readActionFacts(input: EvaluatorInput): ActionFacts {
  const a = input.action;
  const classes = [
    ...(a.data?.classifications ?? []),
    ...(a.target?.classification ? [a.target.classification] : []),
    ...input.sourceUse.sources.map((s) => s.classification ?? "public"),
  ];
  const maxClass = Math.max(0, ...classes.map(classificationRank));
  const write = a.sideEffect === true || WRITE_OP.test(a.operation ?? "");
  const required = [
    write ? "write" : "read",
    ...(a.crossesBoundary ? ["cross_boundary"] : []),
    ...(a.disclosure ? ["disclose"] : []),
    ...(maxClass >= 2 ? ["sensitive_data"] : []),
  ];
  const granted = input.authority.grantedScopes;
  const pending = input.runtimeContext.unresolvedPrerequisites;
  return {
    boundary: (a.target?.boundary ?? a.data?.destination)?.toLowerCase(),
    classes,
    maxClass,
    missingScopes: granted.length > 0 ? required.filter((r) => !granted.includes(r)) : [],
    unresolved: [...pending, ...input.constraints.requiredPrerequisites.filter((p) => pending.includes(p))],
    justification: input.purpose.justification ?? "",
  };
}
