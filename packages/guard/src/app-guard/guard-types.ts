import type { AuditFinding } from "../audit/build-audit-envelope.js";
import type { EscalationResolution } from "../escalation/escalation-client.js";

/** What kind of side effect the app is about to perform. */
export type GuardKind = "message_outbound" | "api_call" | "tool_call" | "mcp_call";

/** Every {@link GuardKind}, in documentation order. */
export const GUARD_KINDS: readonly GuardKind[] = Object.freeze([
  "message_outbound",
  "api_call",
  "tool_call",
  "mcp_call",
]);

/** Who is acting and where: recorded with the decision, matched by rule `tagsAny`. */
export interface GuardContext {
  readonly runId?: string;
  readonly nodeId?: string;
  readonly threadId?: string;
  readonly channelId?: string;
  /** Used when the input has no `target`. */
  readonly target?: string;
  readonly tags?: readonly string[];
  readonly metadata?: Readonly<Record<string, unknown>>;
}

/**
 * One side effect to decide on. `target` is what it reaches: `discord:supplier`,
 * `https://api.stripe.com/v1/charges`, `mcp://payments/refund@1.0` or `payments:refund@1.0`.
 */
export interface GuardInput {
  readonly kind: GuardKind;
  readonly target?: string;
  /** What is sent: a message text, a request body, tool arguments. */
  readonly content?: unknown;
  readonly context?: GuardContext;
}

/** The guard's verdict. `redact` proceeds with `redactedContent`; `escalate` waits for a human. */
export type GuardOutcome = "allow" | "redact" | "block" | "escalate";

/** Where the policy of a decision came from. */
export type GuardPolicySourceKind = "local" | "remote" | "remote-cache" | "local-fallback";

/** The mode and policy behind a decision. */
export interface GuardProviderInfo {
  readonly mode: GuardMode;
  readonly source: GuardPolicySourceKind;
  /** sha256 hex of the policy's canonical JSON. */
  readonly policyHash: string | null;
  /** Why the preferred provider was not used (its error message, no secrets). */
  readonly fallbackReason?: string;
}

/** How a decision stands with a human, when it escalated. */
export interface GuardEscalationInfo {
  readonly shouldEscalate: boolean;
  readonly waitForResolution: boolean;
  readonly escalationId?: string;
  readonly status?: string;
  readonly resolution?: EscalationResolution;
}

/** The result of {@link Sec0Guard.check}. */
export interface GuardDecision {
  readonly outcome: GuardOutcome;
  /** `allow` or `redact`: the action may run. */
  readonly shouldProceed: boolean;
  readonly kind: GuardKind;
  readonly target: string | null;
  /** The reason that decided (`null` for a clean allow). */
  readonly reason: string | null;
  readonly reasons: readonly string[];
  /** The violation a human is asked about, for escalations. */
  readonly violation?: string;
  readonly findings?: readonly AuditFinding[];
  /** The content with redactions applied, for `redact`. */
  readonly redactedContent?: unknown;
  readonly provider: GuardProviderInfo;
  readonly escalation?: GuardEscalationInfo;
}

/** `standalone`: local policy; `dashboard`: the control plane's; `hybrid`: both, with fallback. */
export type GuardMode = "standalone" | "dashboard" | "hybrid";
