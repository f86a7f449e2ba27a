import type { EscalationClient, EscalationResolution } from "@sec0/guard";

/** How escalations are answered: by a human through the control plane, or automatically. */
export type MoltbotEscalationMode = "human" | "auto-approve" | "auto-reject" | "off";

/** Options of {@link createMoltbotEscalationManager} (0.2.3's names and defaults). */
export interface MoltbotEscalationManagerOptions {
  readonly escalationMode: MoltbotEscalationMode;
  /** Tenant query of the control-plane calls (default: the API key's tenant). */
  readonly tenant?: string;
  /**
   * Your own escalation client instead of the control plane's (0.2.3 `manager`); its `approved` is
   * trusted as it answers. The control plane's must come with an approval token, verified once.
   */
  readonly manager?: EscalationClient;
  /** Wait for the verdict (default true); otherwise `handle` answers `pending` at once. */
  readonly waitForResolution?: boolean;
  /** Longest wait (default 300 000 ms); then `timeout`, never an approval. */
  readonly timeoutMs?: number;
  /** Per control-plane request (default 8000 ms). */
  readonly controlPlaneTimeoutMs?: number;
  /** Pause between reads when the control plane does not long-poll (default 2000, at least 200). */
  readonly pollIntervalMs?: number;
  /** Failed reads in a row that are retried (default 3). */
  readonly maxRetries?: number;
  /** Backoff step of the retries (default 250, at least 50). */
  readonly retryBackoffMs?: number;
  /** How long a human has to decide. */
  readonly ttlSeconds?: number;
  /** What the control plane does when the TTL passes. */
  readonly timeoutAction?: "auto_reject";
  /** Control-plane key (required for `human` without `manager`). */
  readonly apiKey?: string;
  /** Default: `SEC0_CONTROL_PLANE_URL`, else `https://api.sec0.ai`. */
  readonly controlPlaneUrl?: string;
  readonly onEscalationCreated?: (event: {
    readonly escalationId: string;
    readonly violation: string;
  }) => void;
  readonly onEscalationResolved?: (event: MoltbotEscalationResult) => void;
  readonly onEscalationError?: (event: {
    readonly stage: "create" | "wait" | "approval";
    readonly error: Error;
  }) => void;
}

/** One finding behind an escalation (the strongest is escalated). */
export interface MoltbotEscalationFinding {
  readonly code: string;
  readonly severity?: "low" | "medium" | "high" | "critical";
  readonly message?: string;
  readonly ruleId?: string;
}

/** What a hook decided about one message or call (0.2.3 `gateResult`). */
export interface MoltbotGateResult {
  readonly cancel?: boolean;
  readonly escalate?: boolean;
  readonly escalationDetails?: {
    readonly violation: string;
    readonly findings?: readonly MoltbotEscalationFinding[];
    /** Binds an approval to what was escalated (e.g. `openclaw:message:telegram:bob`). */
    readonly toolRef?: string;
  };
}

/** Input of {@link MoltbotEscalationManager.handle}. */
export interface MoltbotEscalationInput {
  readonly gateResult?: MoltbotGateResult;
  readonly content: string;
  readonly nodeId?: string;
  readonly agentRef?: string;
  readonly metadata?: Readonly<Record<string, unknown>>;
  readonly signal?: AbortSignal;
}

/** How an escalation ended. `allow` is true only for `allow` and `approved`. */
export interface MoltbotEscalationResult {
  readonly allow: boolean;
  readonly status:
    | "allow"
    | "blocked"
    | "approved"
    | "rejected"
    | "expired"
    | "timeout"
    | "pending"
    | "create_failed";
  readonly escalationId?: string;
  readonly resolution?: EscalationResolution;
  readonly violation?: string;
  readonly errorMessage?: string;
}

/** Creates and settles escalations for the OpenClaw hooks. */
export interface MoltbotEscalationManager {
  readonly mode: MoltbotEscalationMode;
  /** The longest `handle` waits for a human (0 when it does not wait). */
  readonly maxWaitMs: number;
  /** Never throws: failures are `create_failed` (or `blocked`), with `errorMessage`. */
  handle(input: MoltbotEscalationInput): Promise<MoltbotEscalationResult>;
}
