// What the parts of @sec0/instrumentation agree on: hop types, a hop's resolved configuration,
// the app profile from sec0.config.yaml, and the per-call context frame.
import type { AgentStatePayload } from "@sec0/core";

/** The seven hop types of the seed docs. */
export type HopType = "agent" | "orchestrator" | "gateway" | "server" | "middleware" | "tool" | "skill";

/** Every {@link HopType}. */
export const HOP_TYPES: readonly HopType[] = Object.freeze([
  "agent",
  "orchestrator",
  "gateway",
  "server",
  "middleware",
  "tool",
  "skill",
]);

/** A hop's policy: decided before the decorated function runs. */
export interface HopEnforcement {
  /** `observe` records and never blocks; `enforce` (default) applies deny_on / escalate_on. */
  readonly mode: "observe" | "enforce";
  readonly denyOn: readonly string[];
  readonly escalateOn: readonly string[];
}

/** One hop of `app.hops`, validated, with its type-specific identity. */
export interface HopConfig {
  /** `Class.method` (the registry key), or the key given to `sec0.wrap.*`. */
  readonly key: string;
  readonly type: HopType;
  readonly nodeId: string;
  /**
   * Identity fields recorded in the audit envelope, by hop type: agent `{agent: "name@version"}`,
   * orchestrator `{agent_orchestrator}`, gateway `{gateway}`, server `{server}`, middleware
   * `{middleware, op}`, tool `{server, tool, tool_ref}`, skill `{skill, skill_ref}`.
   */
  readonly identity: Readonly<Record<string, string>>;
  readonly enforcement: HopEnforcement;
  /** Gateway hops: where `manager.invoke` sends calls (`gatewayBaseUrl`), and the gateway's tenant. */
  readonly gatewayBaseUrl?: string;
  readonly remoteUrl?: string;
  /** Hosts whose requests made inside this hop get the hop's trace and agent-state headers. */
  readonly propagateTo: readonly string[];
}

/** The app as `initializeSec0App` loaded it. */
export interface AppProfile {
  readonly tenant: string;
  readonly environment: "dev" | "staging" | "prod";
  readonly client: { readonly name: string; readonly version?: string };
  readonly hops: ReadonlyMap<string, HopConfig>;
  /** Directory of the signed audit files (`controlPlane.appenderDir`, else `<sec0Dir>/audit`). */
  readonly auditDir: string;
  /**
   * How hop records are signed (`controlPlane.auditSigning`): each record (`per_record`, the
   * default) or through signed Merkle checkpoints (`checkpoint`).
   */
  readonly auditSigning?: "per_record" | "checkpoint";
  /** The Ed25519 key that signs hop records (`controlPlane.localSignerPath`), absolute. */
  readonly signerPath: string;
  /** `controlPlane.sec0Dir`, absolute. */
  readonly sec0Dir: string;
  /**
   * Where the signer looks for its safe key directories: `initializeSec0App`'s `cwd`, and
   * `SEC0_SIGNER_KEY_DIRS` from its `env` (only that variable is kept).
   */
  readonly keyOptions: { readonly cwd: string; readonly env: Readonly<Record<string, string | undefined>> };
}

/** The context of one running hop, carried by the package's one AsyncLocalStorage. */
export interface HopFrame {
  readonly hop: HopConfig;
  readonly traceId: string;
  readonly spanId: string;
  /** The span of the hop that called this one (same trace), when nested. */
  readonly parentSpanId?: string;
  /** The hop in another process (or trace) that caused this one (`x-cause-trace` / `-span`). */
  readonly cause?: { readonly traceId: string; readonly spanId: string };
  readonly runId: string;
  readonly parentRef?: string;
  /** The agent state of this hop (nodeId = the hop's), mutable through its AgentManager. */
  readonly state: AgentStatePayload;
}
