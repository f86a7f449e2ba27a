import type { Decision, HeaderSource } from "@sec0/core";

/**
 * Where a decision is made: the MCP middleware, the network gateway, the app-level guard, or a
 * hop type of the instrumentation (`llm`, `tool`, `agent`, …). It names the audit record's
 * `node_type` / `check_level` and the remote runtime's `executionLayer`.
 */
export type Surface = "middleware" | "gateway" | "guard" | (string & {});

/** What a tool declares about itself (from `tools/list` or registration). */
export interface ToolDefinition {
  readonly name: string;
  readonly title?: string;
  readonly description?: string;
  readonly inputSchema?: unknown;
  /** Scanned for tool poisoning like the rest; not part of the pinned hash. */
  readonly outputSchema?: unknown;
  readonly annotations?: Readonly<Record<string, unknown>>;
  readonly _meta?: Readonly<Record<string, unknown>>;
}

/** The MCP server a call goes to (`initialize` → `serverInfo`). */
export interface ServerIdentity {
  readonly name: string;
  readonly version?: string;
}

/** One tool call as every surface (seed-shape server, MCP SDK server, proxy) hands it over. */
export interface GovernedCall {
  readonly server: ServerIdentity;
  /** The tool's name as the client called it (seed shape: `name@1.0` split into tool and version). */
  readonly tool: string;
  /**
   * The version the tool declares (seed-shape `name@1.0`, or `_meta` on an MCP tool); when absent
   * the server's version is used (docs/principles.md, principle 10).
   */
  readonly version?: string;
  readonly args: Readonly<Record<string, unknown>>;
  /** HTTP request headers when the call arrived over HTTP. */
  readonly headers?: HeaderSource;
  /** MCP `params._meta` of the request (idempotency key, approval token, agent state). */
  readonly meta?: Readonly<Record<string, unknown>>;
  /** The tool's current definition when known, for definition pinning. */
  readonly definition?: ToolDefinition;
  /**
   * Reasons the surface found before the engine (the gateway's entitlements, AP2 mandates):
   * decided by the policy's `deny_on` / `escalate_on` like the engine's own.
   */
  readonly reasons?: readonly string[];
  /** Failures of the surface's own checks (a verifier that could not answer): deny when enforcing. */
  readonly faults?: readonly string[];
  /** Fields merged into this call's audit record; sec0's own fields win over them. */
  readonly auditFields?: Readonly<Record<string, unknown>>;
}

/** Trace and span id of the hop a call was governed in (what its audit record names). */
export interface HopIds {
  readonly traceId: string;
  readonly spanId: string;
}

/** Why a call was not run (or its result not returned). */
export interface Refusal {
  /** The deciding reason code (`tool_not_in_allowlist`, `circuit_open`, …). */
  readonly reason: string;
  /** One human sentence saying what happened and what to do. */
  readonly message: string;
  readonly decision: "deny" | "escalate" | "withheld";
  readonly escalationId?: string;
  readonly retryAfterMs?: number;
  readonly reasons: readonly string[];
  /** For an `idempotency_conflict`: the key is still running, or was used with other arguments. */
  readonly idempotency?: "in_flight" | "arguments_differ";
}

export type GovernedOutcome =
  | {
      readonly status: "ok";
      readonly result: unknown;
      readonly decision: Decision;
      readonly replayed?: boolean;
      /** The hop's ids, as in its audit record. */
      readonly hop?: HopIds;
    }
  | { readonly status: "refused"; readonly refusal: Refusal; readonly hop?: HopIds };

/** Runs `execute` with the checked (and scrubbed) arguments, inside the call's hop. */
export type ExecuteTool = (args: Readonly<Record<string, unknown>>, hop: HopIds) => Promise<unknown>;

/**
 * The enforcement pipeline behind every surface (docs/principles.md, principle 2): input checks and the
 * decision before `execute`, output checks after, one signed audit record per call.
 */
export interface ToolGovernor {
  /** Governs one call. Never throws for a policy outcome; a refusal is a value. */
  govern(call: GovernedCall, execute: ExecuteTool): Promise<GovernedOutcome>;
  /**
   * Filters a `tools/list` answer by the allowlist and records each definition's hash; a changed
   * definition is reported as `tool_definition_changed` on later calls. Each definition is scanned
   * for tool poisoning (once per distinct definition): a poisoned one is recorded, and hidden when
   * `deny_on` / `escalate_on` lists `tool_poisoning` (listed in observe mode).
   */
  filterToolList(server: ServerIdentity, tools: readonly ToolDefinition[]): Promise<ToolDefinition[]>;
  /**
   * Governs a request the MCP server sends the client (`sampling/createMessage`,
   * `elicitation/create`, …): its params go through the input detectors and the policy decides, as
   * for a call's input; one audit record. A refusal is a value.
   */
  governServerRequest(request: ServerRequest): Promise<ServerRequestOutcome>;
  /** Records a message the MCP boundary dropped or refused unrun (one audit record); never throws. */
  recordBoundaryEvent(event: BoundaryEvent): Promise<void>;
  /** Flushes and closes the audit sink and timers. */
  close(): Promise<void>;
}

/** A call the surface refused before the engine could govern it, and why. */
export interface SurfaceRefusal {
  /** The reason code (`unauthenticated`, `quota_exceeded`, `target_not_found`, …). */
  readonly reason: string;
  /** One sentence for the record's `error` field; never a secret. */
  readonly message: string;
}

/** The engine itself: a {@link ToolGovernor} that also records what its surface refused unrun. */
export interface DecisionEngine extends ToolGovernor {
  /**
   * Records a call the surface refused before governing it (authentication, quota, routing): one
   * audit record, decision `deny`. Never throws; resolves the hop ids the reply should carry.
   */
  recordRefusal(call: GovernedCall, refusal: SurfaceRefusal): Promise<HopIds>;
}

/** A request from the MCP server to the client, as {@link ToolGovernor.governServerRequest} takes it. */
export interface ServerRequest {
  /** The server, when it has identified itself. */
  readonly server: ServerIdentity | undefined;
  /** The JSON-RPC method (`sampling/createMessage`, …). */
  readonly method: string;
  readonly params: unknown;
}

/** Whether a server request may reach the client. */
export type ServerRequestOutcome =
  | { readonly status: "ok"; readonly decision: Decision }
  | { readonly status: "refused"; readonly refusal: Refusal };

/**
 * A message the MCP boundary dropped or refused without running anything: a forged or second
 * answer, a notification outside `notifications/`, a request without an id, a reused id.
 */
export interface BoundaryEvent {
  /** The server, when it has identified itself. */
  readonly server: ServerIdentity | undefined;
  /** The reason code: `mcp_unsolicited_message`, `mcp_request_without_id`, `mcp_request_id_in_use`. */
  readonly reason: string;
  /** Who sent the message. */
  readonly from: "client" | "server";
  /** Its JSON-RPC method, or `response` for an answer. */
  readonly method: string;
  /** The tool a `tools/call` named. */
  readonly tool?: string;
  /** Its JSON-RPC id, when it had one. */
  readonly id?: string | number | null;
  /** How many such messages the record stands for (default 1): a connection records a bounded number. */
  readonly count?: number;
}

/** The runtime protocol's `executionLayer` of a surface: hop types are `decorator`. */
export function executionLayerOf(surface: Surface): "middleware" | "gateway" | "guard" | "decorator" {
  switch (surface) {
    case "middleware":
    case "gateway":
    case "guard":
      return surface as "middleware" | "gateway" | "guard";
    default:
      return "decorator";
  }
}
