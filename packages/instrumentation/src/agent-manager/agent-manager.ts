import { type AgentStatePayload, buildIdempotencyKey } from "@sec0/core";
import { getSec0AppConfig } from "../config/index.js";
import type { RunHopOptions } from "../hop/index.js";
import type { AppProfile, HopFrame } from "../hop-types.js";
import { type AgentStateHelper, agentStateHeadersOf, createAgentStateHelper } from "./agent-state-helper.js";
import { type InvokeHopRunner, invokeAsHop } from "./invoke-as-hop.js";

/** Input of {@link AgentManager.getIdempotencyKey}. */
export interface IdempotencyKeyRequest {
  /** `tool@version`. */
  readonly toolAtVersion: string;
  readonly args?: unknown;
  readonly salt?: string;
}

/** Options of an {@link AgentManager}. */
export interface AgentManagerOptions {
  /** The app whose `app.hops` `invoke` looks hop keys up in (default: the current app). */
  readonly profile?: AppProfile;
  /**
   * The hop runner (`runHop`) that records each `invoke` as a hop of its own; without it
   * `invoke` makes the call unrecorded.
   */
  readonly runHop?: InvokeHopRunner;
  /** The options of the hop this manager belongs to: the invoke records go to its audit sink. */
  readonly hopOptions?: RunHopOptions;
}

/**
 * What a decorated hop gets as its last argument: its agent state (`manager.agent`), the
 * headers and idempotency keys to send downstream, and `invoke` to call another hop.
 *
 * @example
 * async run(ctx, input, manager: AgentManager) {
 *   manager.agent.setState({ order_id: input.orderId });
 *   await fetch(url, { method: "POST", headers: manager.getAgentStateHeaders() });
 * }
 */
export class AgentManager {
  readonly #frame: HopFrame;
  readonly #profile: AppProfile | undefined;
  readonly #runHop: InvokeHopRunner | undefined;
  readonly #hopOptions: RunHopOptions | undefined;
  /** The running hop's agent state. */
  readonly agent: AgentStateHelper;

  constructor(frame: HopFrame, options: AgentManagerOptions = {}) {
    this.#frame = frame;
    this.#profile = options.profile;
    this.#runHop = options.runHop;
    this.#hopOptions = options.hopOptions;
    this.agent = createAgentStateHelper(frame);
  }

  /** The frame of the hop this manager belongs to (read-only). */
  get frame(): HopFrame {
    return this.#frame;
  }

  /**
   * `x-node-id`, `x-agent-ref` and `x-agent-state` (of `{nodeId, runId}`), byte-compatible with
   * 0.2.3; `extra` headers come first and never replace these.
   * @throws {import("@sec0/core").Sec0Error} `CORE_AGENT_STATE_INVALID` for a frame whose node id or run is unusable.
   */
  getAgentStateHeaders(extra?: Readonly<Record<string, string>>): Record<string, string> {
    return agentStateHeadersOf(this.#frame, extra);
  }

  /**
   * The client idempotency key of 0.2.3 (as `callToolViaGateway` builds it):
   * `<runId>:<nodeId>:<tool@version>:<16 hex of sha256(JSON(args || {}))>[:<salt>]`.
   * @example
   * manager.getIdempotencyKey({ toolAtVersion: "write@1.0", args: { a: 1 } }); // "run-1:planner:write@1.0:015abd7f5cc57a2d"
   */
  getIdempotencyKey(request: IdempotencyKeyRequest): string {
    return buildIdempotencyKey({
      runId: this.#frame.runId,
      nodeId: this.#frame.state.nodeId,
      toolAtVersion: request.toolAtVersion,
      args: request.args,
      salt: request.salt,
    });
  }

  /** A copy of the agent state (the same as `manager.agent.snapshot()`). */
  snapshot(): AgentStatePayload {
    return this.agent.snapshot();
  }

  /**
   * Calls another hop, as a hop of its own: a gateway hop of `app.hops` → `callToolViaGateway`
   * (`POST <gatewayBaseUrl>/mcp/<server>/<tool@v>`, params `{server, tool, args, authHeader?,
   * idempotencyKey?, timeoutMs?}`); another hop → the handler registered with
   * `registerLocalHopHandler`, else `POST <remoteUrl>`. With a runner (`options.runHop`) the
   * call is recorded as the target hop, its record's parent this hop; a hop invoking
   * its own key is not recorded twice.
   * @throws {import("@sec0/core").Sec0Error} `INSTRUMENTATION_HOP_UNKNOWN`, `INSTRUMENTATION_INVOKE_INVALID`,
   * `INSTRUMENTATION_HOP_UNREACHABLE`, `INSTRUMENTATION_HOP_CALL_FAILED` (remoteUrl), for gateway hops
   * `MIDDLEWARE_GATEWAY_ERROR`, `MIDDLEWARE_GATEWAY_TRACE_MISSING`, `MIDDLEWARE_GATEWAY_TIMEOUT`,
   * `MIDDLEWARE_GATEWAY_UNREACHABLE`; `POLICY_DENIED` when the target hop's enforcement refuses it.
   * @example
   * await manager.invoke("Tools.gateway", { server: "files", tool: "write@1.0", args: { path: "/tmp/a" } });
   */
  invoke(hopKey: string, params: unknown): Promise<unknown> {
    try {
      return invokeAsHop({
        caller: this.#frame,
        profile: this.#profile ?? getSec0AppConfig(),
        runHop: this.#runHop,
        hopOptions: this.#hopOptions,
        hopKey,
        params,
      });
    } catch (error) {
      return Promise.reject(error);
    }
  }
}
