import type { Logger } from "@sec0/core";
import type { AgentGuardConfig } from "@sec0/evaluator";
import type { MoltbotEscalationManager } from "./moltbot-escalation-types.js";

/** Where the policy comes from (0.2.3's `policySourceConfig`). */
export type MoltbotPolicySourceConfig =
  | {
      readonly source: "local";
      /** A `policy.yaml` path (resolved with `resolvePath`, else against the working directory). */
      readonly path?: string;
      /** The YAML text of a policy. */
      readonly yaml?: string;
      /** A policy object (validated against the schema like YAML, unlike 0.2.3). */
      readonly object?: unknown;
    }
  | {
      /** The control plane's policy (needs `apiKey`), with the config's overrides applied. */
      readonly source: "control-plane";
      readonly controlPlaneSource?: MoltbotControlPlaneSourceInput;
      /** Revalidation interval (default 30 000 ms). */
      readonly refreshMs?: number;
    };

/** Which control-plane policy (0.2.3's `controlPlaneSource`). */
export interface MoltbotControlPlaneSourceInput {
  /** Default `middleware`. */
  readonly level?: "middleware" | "gateway";
  /** Default `base`; `agent` needs `nodeId`; `auto` uses the calling agent's id. */
  readonly scope?: "base" | "agent" | "auto";
  readonly nodeId?: string;
  /** 0.2.3's name of the revalidation interval (`refreshMs` wins). */
  readonly refreshTtlMs?: number;
}

/** Message governance (`message_received` / `message_sending`). */
export interface MoltbotMessagesConfig {
  readonly enabled: boolean;
  /** Which way messages are governed; required when `enabled`. */
  readonly direction?: "inbound" | "outbound" | "both";
  /** Whether message decisions are written to the audit log; required when `enabled`. */
  readonly audit?: boolean;
  /** Accepted for 0.2.3 compatibility; sec0 records a content hash, never the content. */
  readonly storeContent?: boolean;
  /** An inbound message that fails the scan quarantines its conversation for `ttlMs` (default 1 h). */
  readonly quarantine?: { readonly enabled?: boolean; readonly ttlMs?: number };
}

/** One decision, as `onDecision` hears of it. */
export interface MoltbotDecisionEvent {
  readonly hook: "before_tool_call" | "message_received" | "message_sending";
  readonly outcome: "allow" | "block" | "cancel" | "redact" | "quarantine" | "would_block";
  readonly reason: string | null;
  readonly toolName?: string;
  readonly target?: string;
}

/**
 * The configuration of {@link createMoltbotHooks}: 0.2.3's `Sec0MoltbotConfig` shape. Keys 0.2.3
 * had that this release does not implement (LLM `nlEval` providers, `skills`,
 * `contextualEvaluator`, `gatewayTool`) are refused with
 * `SDK_OPENCLAW_UNSUPPORTED_OPTION` rather than ignored.
 */
export interface Sec0MoltbotConfig {
  /** `enforce` blocks and cancels; `observe` records `would_deny` and never blocks. */
  readonly mode: "observe" | "enforce";
  readonly policySourceConfig?: MoltbotPolicySourceConfig;
  /** @deprecated 0.2.3: use `policySourceConfig: { source: "local", path }`. */
  readonly policyPath?: string;
  /** @deprecated 0.2.3: use `policySourceConfig: { source: "local", yaml }`. */
  readonly policyYaml?: string;
  /** @deprecated 0.2.3: use `policySourceConfig: { source: "local", object }`. */
  readonly policyObject?: unknown;
  /** @deprecated 0.2.3: use `policySourceConfig: { source: "control-plane", controlPlaneSource }`. */
  readonly policyFromControlPlane?: boolean;
  /** @deprecated 0.2.3: use `policySourceConfig.controlPlaneSource`. */
  readonly policyControlPlaneSource?: MoltbotControlPlaneSourceInput;
  /** @deprecated 0.2.3: use `policySourceConfig.refreshMs`. */
  readonly policyRefreshMs?: number;
  /** Merged (deeply) over the loaded policy before it is validated. */
  readonly policyOverrides?: Readonly<Record<string, unknown>>;
  /** Replaces `tools.allowlist`: OpenClaw tool names, or `mcp://<serverName>/<tool>` refs. */
  readonly allowlist?: readonly string[];
  /** Directory of the signed audit files (e.g. `.sec0`). */
  readonly auditDir: string;
  /** The Ed25519 key file signing the audit log (inside a safe key directory, e.g. `.sec0/keys`). */
  readonly signingKeyPath: string;
  /** Must equal the policy's `tenant`. */
  readonly tenant: string;
  /** The server name tool calls are recorded and matched under (`mcp://<serverName>/<tool>`). */
  readonly serverName: string;
  /**
   * Control-plane key, for a control-plane policy source. Unlike 0.2.3 the hooks do not upload the
   * audit files themselves (upload them with the audit package's presigned upload or the CLI).
   */
  readonly apiKey?: string;
  /** Default: `SEC0_CONTROL_PLANE_URL`, else `https://api.sec0.ai`. */
  readonly controlPlaneUrl?: string;
  /** Agent Guard settings over the policy's (default `{ enabled: true }`); `false` turns it off. */
  readonly agentGuard?: AgentGuardConfig | false;
  /** 0.2.3's compliance block; only `nlEval` absent (or `enabled: false`) is supported. */
  readonly compliance?: {
    readonly enabled?: boolean;
    readonly strict?: boolean;
    readonly nlEval?: { readonly provider: string };
  };
  readonly messages?: MoltbotMessagesConfig;
  /** Escalates `escalate_on` outcomes of outbound messages and tool calls to a human. */
  readonly escalation?: MoltbotEscalationManager;
  /** Hears of every decision; a hook that throws is logged and ignored. */
  readonly onDecision?: (event: MoltbotDecisionEvent) => void;
  /** Hears of audit write failures (the decision stands). */
  readonly onAuditError?: (error: unknown) => void;
  /**
   * Longest time a `before_tool_call` or `message_sending` decision may take (default 10 000 ms);
   * past it the call is blocked (the message cancelled) in enforce mode. OpenClaw lets a call
   * through when a hook times out, so the plugin registers its hooks with a longer `timeoutMs`.
   * An escalation's wait for a human comes on top, for messages.
   */
  readonly decisionTimeoutMs?: number;
  /** Longest wait for `after_tool_call` before the call is recorded without its result (default 600 000 ms). */
  readonly pendingTimeoutMs?: number;
  readonly logger?: Logger;
  /** Accepted for 0.2.3 compatibility; log messages keep their constant `sec0:` prefix. */
  readonly logTag?: string;
  /** Resolves relative paths (`policyPath`, `auditDir`, `signingKeyPath`); default against `process.cwd()`. */
  readonly resolvePath?: (path: string) => string;
  /** Not supported in this release (refused when set). */
  readonly skills?: unknown;
  readonly contextualEvaluator?: unknown;
  readonly gatewayTool?: unknown;
}
