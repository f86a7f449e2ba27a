import type { AuditSink, Clock, Logger, Signer } from "@sec0/core";
import type { AgentGuardConfig } from "@sec0/evaluator";
import type {
  ContextualEvaluatorOptions,
  EngineAdapters,
  OtelOptions,
  RuntimeConfigInput,
  TraceExporterFactory,
} from "@sec0/guard";
import type { Policy, PolicySource } from "@sec0/policy";
import type { DastOptions } from "./dast/dast-options.js";

/** Fetch policy from the control plane (0.2.3's descriptor form of `policy`). */
export interface ControlPlanePolicyDescriptor {
  readonly source: "control-plane";
  readonly tenant?: string;
  readonly level?: "middleware" | "gateway";
  readonly scope?: "base" | "agent" | "auto";
  readonly nodeId?: string;
  /** Re-fetch interval (0.2.3's `refreshTtlMs`); default 60 s. 0 is raised to 1 s. */
  readonly refreshTtlMs?: number;
  readonly timeoutMs?: number;
  /** What to do before any policy was obtained: refuse every call (`fail`, default) or observe. */
  readonly onUnavailable?: "fail" | "observe";
}

/** Local audit settings (`sec0` in the seed docs). */
export interface Sec0LocalConfig {
  readonly dir: string;
  readonly retentionDays?: number;
  readonly durability?: "none" | "batch" | "sync";
  /**
   * `per_record` (default) or `checkpoint` (record lines signed only by the next checkpoint; see
   * @sec0/audit). Unset: an inline policy object's `signing.mode`, else `per_record`.
   */
  readonly signing?: "per_record" | "checkpoint";
}

export type { OtelOptions };

/** Options of {@link sec0SecurityMiddleware} and {@link createToolGovernor} (seed-doc compatible). */
export interface MiddlewareOptions {
  /** A parsed policy, a YAML string, a control-plane descriptor, or any `PolicySource`. */
  readonly policy: Policy | string | ControlPlanePolicyDescriptor | PolicySource;
  /** Signs audit records (required unless `adapters.auditSink` is given). */
  readonly signer?: Signer;
  /** Where signed audit files go (default `.sec0`). */
  readonly sec0?: Sec0LocalConfig;
  readonly otel?: OtelOptions;
  readonly telemetry?: { readonly enabled?: boolean };
  /** The contextual evaluator for ambiguous actions (disabled unless set). */
  readonly contextualEvaluator?: ContextualEvaluatorOptions;
  /**
   * Agent Guard settings that win over the policy's `agent_guard`, field by field; a default fills
   * only a field neither sets (an explicit `block_on_severity` means no default `block_on_count`).
   */
  readonly agentGuard?: AgentGuardConfig;
  /**
   * How to start this tool server in the DAST sandbox (the policy's `dast` hook probes a changed
   * tool there, never the live handler): `{ server: { command: process.execPath, args:
   * ["./server.mjs"] } }`, an MCP server over stdio. Never taken from the policy. Required when an
   * inline policy enables `dast`; without it every DAST scan fails.
   */
  readonly dast?: DastOptions;
  /** Control-plane base URL for hosted mode (default `SEC0_CONTROL_PLANE_URL`). */
  readonly controlPlaneUrl?: string;
  /** Credential for the control-plane policy, approval and escalation APIs. */
  readonly auth?: { readonly apiKey?: string; readonly bearerToken?: string };
  readonly runtime?: { readonly enforcement?: RuntimeConfigInput };
  /** Values recorded as the audit record's `server` / `tool` (0.2.3 `middlewareHop`). */
  readonly middlewareHop?: { readonly server?: string; readonly tool?: string };
  /** The server identity, when the surface cannot read it (seed-shape servers without name). */
  readonly server?: { readonly name: string; readonly version?: string };
  /** Extra fields merged into each audit envelope (never overriding sec0's own). */
  readonly augment?: (info: {
    readonly toolRef: string;
    readonly decision: string;
  }) => Record<string, unknown>;
  readonly adapters?: EngineAdapters & {
    readonly policySource?: PolicySource;
    readonly auditSink?: AuditSink;
    /** Starts span export for `otel.endpoint` (`sec0-sdk` and `@sec0/instrumentation` provide one). */
    readonly traceExporter?: TraceExporterFactory;
  };
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** Environment read for defaults (`SEC0_*`); default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Working directory for relative paths (default `process.cwd()`). */
  readonly cwd?: string;
}
