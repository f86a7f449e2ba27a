import type { Tracer } from "@opentelemetry/api";
import type { AuditSink, Clock, IdempotencyStore, Logger, ScanKind } from "@sec0/core";
import type { AgentGuardConfig } from "@sec0/evaluator";
import type { ComplianceJudge, PolicySource } from "@sec0/policy";
import type { ContextualEvaluatorOptions } from "../content/contextual-evaluator.js";
import type { ApprovalVerifier, EscalationReporter } from "../escalation/control-plane-escalations.js";
import type { RuntimeClient } from "../runtime/runtime-client.js";
import type { ScanStore } from "../scan/scan-store.js";
import type { ScanRunner } from "../scan/scan-types.js";
import type { Surface } from "./engine-types.js";

/** The ports the engine calls out to; each is optional and has a documented default. */
export interface EngineAdapters {
  readonly approvalVerifier?: ApprovalVerifier;
  /** The escalation channel; without one, a reason in `escalate_on` denies. */
  readonly escalationReporter?: EscalationReporter;
  /** Remote runtime decisions (used when its `mode` is `remote`). */
  readonly runtime?: RuntimeClient;
  /** Judge for natural-language compliance rules. */
  readonly judge?: ComplianceJudge;
  /** Default: an in-memory store (one process). */
  readonly idempotencyStore?: IdempotencyStore;
  /**
   * The scanners of the policy's `sast` / `dast` / `skills` hooks, by kind. A kind the policy
   * enables without a runner fails its scans (changed code then never runs).
   */
  readonly scanRunners?: Readonly<Partial<Record<ScanKind, ScanRunner>>>;
  /** Where scan results persist (`createFileScanStore(".sec0/scans")`); default in memory. */
  readonly scanStore?: ScanStore;
}

/** What a surface tells the engine beyond its policy: identity, overrides and adapters. */
export interface EngineOptions {
  /** The surface deciding (`middleware`, `gateway`, `guard`, a hop type). */
  readonly surface: Surface;
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** Tenant recorded when no policy could be obtained (the policy's tenant wins otherwise). */
  readonly tenant?: string;
  /** Recorded as the audit record's `env`. */
  readonly environment?: string;
  /** Values recorded as the audit record's `server` / `tool` (0.2.3 `middlewareHop`). */
  readonly hop?: { readonly server?: string; readonly tool?: string };
  /** Tracer for call spans; default the global provider's (a no-op unless a process registered one). */
  readonly tracer?: Tracer;
  /** `false` starts no spans (ids are still made for the audit record). */
  readonly telemetryEnabled?: boolean;
  readonly contextualEvaluator?: ContextualEvaluatorOptions;
  /**
   * Agent Guard settings that win over the policy's `agent_guard`, field by field; a default fills
   * only a field neither sets (an explicit `block_on_severity` means no default `block_on_count`).
   */
  readonly agentGuard?: AgentGuardConfig;
  /** Extra fields merged into each audit envelope (never overriding sec0's own). */
  readonly augment?: (info: {
    readonly toolRef: string;
    readonly decision: string;
  }) => Record<string, unknown>;
  readonly adapters?: EngineAdapters;
}

/** Integrity facts a surface knows about its registry (seed-shape servers: handler hashes). */
export interface RegistryIntegrity {
  readonly frozen: boolean;
  readonly snapshot?: string;
  /** The code of a tool's handler as it is now (its source and hash), when the surface can read it. */
  codeOf?(tool: string): ToolCode | undefined;
  /** Reasons for this tool now: `handler_swap`, `tool_code_changed`, `registry_mutation`, … */
  reasonsFor(tool: string): readonly string[];
}

/** A tool handler's code identity: what SAST scans and what a change is detected by. */
export interface ToolCode {
  /** SHA-256 hex of the source (the handler hash). */
  readonly digest: string;
  readonly source: string;
}

/** The parts a surface wires into the engine. */
export interface EngineDeps {
  readonly policySource: PolicySource;
  readonly auditSink: AuditSink;
  readonly registry?: RegistryIntegrity;
  /** Called by `close()` after the audit sink is flushed (e.g. to stop a trace exporter). */
  readonly onClose?: () => Promise<void>;
}
