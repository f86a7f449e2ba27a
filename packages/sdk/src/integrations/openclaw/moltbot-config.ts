import type { Logger, Severity } from "@sec0/core";
import type { AgentGuardConfig } from "@sec0/evaluator";
import type { ContextualEvaluatorOptions, SkillVerdict } from "@sec0/guard";
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

/** What the gateway tool calls when the model does not say (`gatewayBaseUrl` is required). */
export interface MoltbotGatewayToolDefaults {
  /** Gateway origin, e.g. `https://gateway.example.com`; the model cannot change it. */
  readonly gatewayBaseUrl?: string;
  /** Target server when the call names none. */
  readonly server?: string;
  /** `tool@version` when the call names none. */
  readonly toolAtVersion?: string;
  /** Sent as `x-tenant` (default: the config's `tenant`). */
  readonly tenant?: string;
  /** Sent as `Authorization` (e.g. `Bearer <token>`); never logged, never shown to the model. */
  readonly authHeader?: string;
  /** Per-call timeout (default 60 000 ms). */
  readonly timeoutMs?: number;
}

/** The `sec0.call_gateway` agent tool (0.2.3's `gatewayTool`), registered by the plugin. */
export interface MoltbotGatewayToolConfig {
  readonly enabled: boolean;
  /** Tool name (default `sec0.call_gateway`); the allowlist must admit it like any tool. */
  readonly name?: string;
  readonly description?: string;
  readonly defaults?: MoltbotGatewayToolDefaults;
  /** Send an unsigned JSON AP2 intent and cart with each call (default true). */
  readonly ap2Auto?: boolean;
}

/** The skill a tool call runs (0.2.3's `SkillDescriptor`), as `skills.resolve` names it. */
export interface MoltbotSkillDescriptor {
  /** `source/author/name@version#digest` (version and digest optional), e.g. `clawhub/acme/pdf-tools@1.2.0`. */
  readonly ref: string;
  /** The skill's folder (every text file is read and scanned). Give this or `content`. */
  readonly dir?: string;
  /** The skill's text (one `SKILL.md`). */
  readonly content?: string;
}

/** What `skills.resolve` is asked about: one tool call before it runs. */
export interface MoltbotSkillResolveInput {
  readonly toolName: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly agentId?: string;
  readonly sessionKey?: string;
}

/** One skill check, as `skills.onScan` hears of it. */
export interface MoltbotSkillScanEvent {
  readonly toolName: string;
  readonly skill: MoltbotSkillDescriptor;
  readonly verdict: SkillVerdict;
}

/**
 * Skill checks before tool calls (0.2.3's `skills`), through `@sec0/guard`'s skill gate with the
 * policy's `skills` section; the keys given here win over the policy's.
 */
export interface MoltbotSkillsConfig {
  readonly enabled: boolean;
  /** The skill a call runs, or `undefined` for a call that runs none. */
  readonly resolve: (
    input: MoltbotSkillResolveInput,
  ) => MoltbotSkillDescriptor | undefined | null | Promise<MoltbotSkillDescriptor | undefined | null>;
  /** Hears of every check; a hook that throws is ignored. */
  readonly onScan?: (event: MoltbotSkillScanEvent) => void;
  /** Reuse a skill's verdict for this long before checking it again (default 0: every call checks). */
  readonly cacheTtlMs?: number;
  /** Scan only a first-seen or changed skill (default: the policy's `skills.scan_on_change_only`, else true). */
  readonly scanOnChangeOnly?: boolean;
  /** Refuse a changed skill until it is scanned clean (default: the policy's). */
  readonly blockOnChange?: boolean;
  /** Refuse a skill with findings at or above this severity (default: the policy's, else `high`). */
  readonly blockOnSeverity?: Severity;
}

/**
 * The judge of the policy's natural-language compliance rules (0.2.3's `nlEval`).
 */
export type MoltbotNlEvalConfig =
  | { readonly provider: "heuristic" }
  | {
      readonly provider: "http";
      /** `POST`ed `{instruction, text, threshold, tenant}`; answers `{score 0..100, evidence?}`. */
      readonly url: string;
      /** Sent as `Authorization: Bearer <token>`; never logged, never in an error. */
      readonly bearerToken?: string;
      /** Default 4000 ms. */
      readonly timeoutMs?: number;
    }
  | {
      readonly provider: "openai";
      readonly apiKey: string;
      /** Any OpenAI-compatible endpoint (default `https://api.openai.com/v1`). */
      readonly baseUrl?: string;
      /** Default `gpt-4.1-mini`. */
      readonly model?: string;
      /** Default 20 000 ms. */
      readonly timeoutMs?: number;
    }
  | {
      readonly provider: "anthropic";
      readonly apiKey: string;
      /** sec0 addition: default `https://api.anthropic.com` (`/v1/messages` is appended). */
      readonly baseUrl?: string;
      /** Default `claude-sonnet-4-20250514`. */
      readonly model?: string;
      /** Default 20 000 ms. */
      readonly timeoutMs?: number;
    };

/** One decision, as `onDecision` hears of it. */
export interface MoltbotDecisionEvent {
  readonly hook: "before_tool_call" | "message_received" | "message_sending";
  readonly outcome: "allow" | "block" | "cancel" | "redact" | "quarantine" | "would_block";
  readonly reason: string | null;
  readonly toolName?: string;
  readonly target?: string;
}

/**
 * The configuration of {@link createMoltbotHooks}: 0.2.3's `Sec0MoltbotConfig` shape.
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
  /** 0.2.3's compliance block: `nlEval` judges the policy's natural-language rules. */
  readonly compliance?: {
    readonly enabled?: boolean;
    readonly strict?: boolean;
    readonly nlEval?: MoltbotNlEvalConfig;
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
  /** The gateway tool `createMoltbotPlugin` registers (the hooks alone ignore it). */
  readonly gatewayTool?: MoltbotGatewayToolConfig;
  /** Skill checks before tool calls. */
  readonly skills?: MoltbotSkillsConfig;
  /**
   * The contextual evaluator (`@sec0/guard`'s options, 0.2.3's names) for tool calls and outbound
   * messages; `enabled: false` or `evaluatorSource: "disabled"` turns it off.
   */
  readonly contextualEvaluator?: ContextualEvaluatorOptions & { readonly enabled?: boolean };
}
