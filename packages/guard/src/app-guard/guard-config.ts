import type { Logger } from "@sec0/core";
import type { EscalationCreateInput, EscalationCreateResult } from "@sec0/core/contracts";
import type { AgentGuardConfig } from "@sec0/evaluator";
import type { ComplianceJudge } from "@sec0/policy";
import type { ApprovalTransport } from "../escalation/approvals-bridge-transport.js";
import type { EscalationClient, EscalationResolution } from "../escalation/escalation-client.js";
import type { GuardAuditConfig } from "./guard-audit-sink.js";
import type { GuardDecision, GuardInput, GuardMode } from "./guard-types.js";
import type { GuardPrecedence } from "./hybrid-policy-provider.js";
import type { LocalProviderConfig } from "./local-policy-provider.js";
import type { GuardPolicyFetcher, GuardRemoteAuth, RemoteProviderConfig } from "./remote-policy-provider.js";

/** `provider`: where policy comes from. */
export interface GuardProviderConfig {
  /** Hybrid only: which provider is asked first (default `remote-first`). */
  readonly precedence?: GuardPrecedence;
  readonly local?: LocalProviderConfig;
  readonly remote?: RemoteProviderConfig | GuardPolicyFetcher;
}

/** `escalation`: how an `escalate` outcome brings a human in. Defaults are 0.2.3's. */
export interface GuardEscalationConfig {
  /** `false`: no escalation channel, so `escalate` blocks (default true). */
  readonly enabled?: boolean;
  readonly tenant?: string;
  /** `execute` waits for the verdict unless its `waitForEscalation` says otherwise (default true). */
  readonly waitForResolutionByDefault?: boolean;
  /** Longest wait for a verdict (default 600 000 ms); then `GUARD_ESCALATION_TIMEOUT`. */
  readonly timeoutMs?: number;
  /** Pause between reads when the control plane does not long-poll (default 2000 ms). */
  readonly pollIntervalMs?: number;
  /** Consecutive failed reads before the wait fails (default 3). */
  readonly maxRetries?: number;
  readonly retryBackoffMs?: number;
  /** How long a human has to decide (default 3600 s). */
  readonly ttlSeconds?: number;
  /** Default: `provider.remote.auth` (the guard's control-plane key). */
  readonly auth?: GuardRemoteAuth;
  /** Default: `provider.remote.controlPlaneUrl`, `SEC0_CONTROL_PLANE_URL`, `https://api.sec0.ai`. */
  readonly controlPlaneUrl?: string;
  /** Per control-plane request (default 8000 ms). */
  readonly controlPlaneTimeoutMs?: number;
  /**
   * Your own escalation service instead of the control plane. Its `approved` is trusted as is; the
   * control plane's must come with an approval token bound to the exact input, checked once.
   */
  readonly client?: EscalationClient;
}

/** Events of the escalation lifecycle; a hook that throws is logged and ignored. */
export interface GuardHooks {
  onEscalationRequested?(event: {
    readonly input: GuardInput;
    readonly decision: GuardDecision;
    readonly created: EscalationCreateResult;
    readonly request: EscalationCreateInput;
  }): void | Promise<void>;
  onEscalationResolved?(event: {
    readonly input: GuardInput;
    readonly decision: GuardDecision;
    readonly created: EscalationCreateResult;
    readonly resolution: EscalationResolution;
  }): void | Promise<void>;
  onEscalationError?(event: {
    readonly input: GuardInput;
    readonly decision: GuardDecision;
    readonly stage: "create" | "notify" | "wait" | "approval";
    readonly error: Error;
  }): void | Promise<void>;
}

/** A structured event for 0.2.3's `logger(event)` form. */
export interface GuardLogEvent {
  readonly level: "debug" | "info" | "warn" | "error";
  readonly message: string;
  readonly [key: string]: unknown;
}

/** Options of `createSec0Guard`. */
export interface Sec0GuardConfig {
  /** Default: `hybrid` with both providers, `dashboard` with remote only, else `standalone`. */
  readonly mode?: GuardMode;
  readonly provider?: GuardProviderConfig;
  readonly escalation?: GuardEscalationConfig;
  /** Notifies humans of escalations (e.g. `createApprovalsBridgeTransport`); default none. */
  readonly transport?: ApprovalTransport;
  readonly hooks?: GuardHooks;
  /** Where decisions are recorded (signed); default `.sec0` with the key `.sec0/keys/ed25519.key`. */
  readonly audit?: GuardAuditConfig;
  /** Recorded as the tenant when the policy names none (inline rules); default `default`. */
  readonly tenant?: string;
  readonly environment?: string;
  /** Agent Guard settings that win over a full policy's `agent_guard`, field by field. */
  readonly agentGuard?: AgentGuardConfig;
  /** Judge for natural-language compliance rules of a full policy. */
  readonly judge?: ComplianceJudge;
  /** A `Logger` of `@sec0/core`, or 0.2.3's `logger(event)` function. Default: silent. */
  readonly logger?: Logger | ((event: GuardLogEvent) => void);
  /** Milliseconds clock (tests). */
  readonly now?: () => number;
  /** Relative paths (`policyPath`, `audit.dir`) resolve against it (default `process.cwd()`). */
  readonly cwd?: string;
  /** Read for `SEC0_CONTROL_PLANE_URL` (default `process.env`). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** Handlers of one `execute` call. */
export interface GuardExecuteHandlers<B = never> {
  /** A block (or a rejected / expired / timed-out escalation) returns this instead of throwing. */
  onBlock?(decision: GuardDecision): B | Promise<B>;
  /** A redact outcome runs the action with this input (default: `content` replaced by the redacted content). */
  onRedactInput?(decision: GuardDecision, input: GuardInput): GuardInput | Promise<GuardInput>;
  /** Overrides `escalation.waitForResolutionByDefault` for this call. */
  waitForEscalation?: boolean;
  /** Aborts the wait for a verdict (`GUARD_ESCALATION_ABORTED`). */
  signal?: AbortSignal;
}

/** What `execute` returns when it escalated and did not wait. */
export interface GuardPendingResult {
  readonly decision: GuardDecision;
}
