import { type AgentStatePayload, buildIdempotencyKey } from "@sec0/core";
import { getSec0AppConfig } from "../config/index.js";
import type { AppProfile, HopFrame } from "../hop-types.js";
import { type AgentStateHelper, agentStateHeadersOf, createAgentStateHelper } from "./agent-state-helper.js";
import { invokeHop } from "./invoke-hop.js";

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
  /** The running hop's agent state. */
  readonly agent: AgentStateHelper;

  constructor(frame: HopFrame, options: AgentManagerOptions = {}) {
    this.#frame = frame;
    this.#profile = options.profile;
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
   * Calls another hop: a gateway hop of `app.hops` → `POST <gatewayBaseUrl>/mcp/<server>/<tool@v>`
   * (params `{server, tool, args, authHeader?}`); another hop → the handler registered with
   * `registerLocalHopHandler`, else `POST <remoteUrl>`.
   * @throws {import("@sec0/core").Sec0Error} `INSTRUMENTATION_HOP_UNKNOWN`, `INSTRUMENTATION_INVOKE_INVALID`,
   * `INSTRUMENTATION_HOP_UNREACHABLE`, `INSTRUMENTATION_HOP_CALL_FAILED`.
   * @example
   * await manager.invoke("Tools.gateway", { server: "files", tool: "write@1.0", args: { path: "/tmp/a" } });
   */
  invoke(hopKey: string, params: unknown): Promise<unknown> {
    try {
      const profile = this.#profile ?? getSec0AppConfig();
      return invokeHop(this.#frame, profile.hops.get(hopKey), hopKey, params);
    } catch (error) {
      return Promise.reject(error);
    }
  }
}
