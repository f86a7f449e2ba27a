// The parameters and result of a gateway call (0.2.3's shapes), shared by the client's parts.
import type { AgentStatePayload, AgentStateVariables } from "@sec0/core";
import type { IdentityInput } from "@sec0/core/contracts";
import type { GatewayReply } from "./gateway-reply.js";

/**
 * Agent state to send: an `AgentStatePayload`, or an agent snapshot (`manager.agent.snapshot()`)
 * carrying `nodeId`, `runId` (or legacy `ref`), `parentRef`, `variables` and `metadata`; `null`
 * members count as absent and other members of a snapshot are ignored.
 */
export interface AgentStateInput {
  readonly nodeId: string;
  readonly runId?: string | null | undefined;
  readonly ref?: string | null | undefined;
  readonly parentRef?: string | null | undefined;
  readonly variables?: AgentStateVariables | Readonly<Record<string, unknown>> | null | undefined;
  readonly metadata?: Readonly<Record<string, unknown>> | null | undefined;
  readonly [extra: string]: unknown;
}

/** Parameters of `callToolViaGateway` (0.2.3's shape). */
export interface GatewayCallParams {
  /** Gateway origin, e.g. `https://gateway.example.com`. */
  readonly gatewayBaseUrl: string;
  /** Target server name as the gateway knows it. */
  readonly server: string;
  /** `tool@version`. */
  readonly toolAtVersion: string;
  /** Tool arguments (the request body); absent = `{}`. */
  readonly args?: Readonly<Record<string, unknown>> | undefined;
  /** Sent as `Authorization`, e.g. `Bearer <token>`. */
  readonly authHeader?: string | undefined;
  /** Sent as `x-tenant`. */
  readonly tenant?: string | undefined;
  readonly traceparent?: string | undefined;
  readonly baggage?: string | undefined;
  /** Run id for the idempotency key and `x-graph-run-id` (default: the agent state's). */
  readonly runId?: string | undefined;
  /** Node id for the idempotency key and `x-graph-node` (default: the agent state's). */
  readonly nodeId?: string | undefined;
  /** Appended to the generated idempotency key, to make a deliberate re-execution distinct. */
  readonly idempotencySalt?: string | undefined;
  /**
   * sec0 addition: send this key instead of generating one (e.g. the AP2 cart digest, which a
   * generated key can never equal).
   */
  readonly idempotencyKey?: string | undefined;
  /** Default `GATEWAY_CALL_TIMEOUT_MS` (60000). */
  readonly timeoutMs?: number | undefined;
  /** AP2 mandates: strings are sent as they are, objects as JSON. */
  readonly ap2?:
    | { readonly intent?: unknown; readonly cart?: unknown; readonly bundle?: unknown }
    | undefined;
  /** The hop that causes this call (required): 32-hex trace id and 16-hex span id. */
  readonly cause: { readonly traceId: string; readonly spanId: string };
  /** Identity context sent as `x-auth-context`; its authorization defaults to `authHeader`. */
  readonly identity?: IdentityInput | undefined;
  /** Agent state sent as the agent-state headers; it must carry a run id. */
  readonly agentState?: AgentStatePayload | AgentStateInput | undefined;
}

/** A successful gateway reply: the reply object (or `{result}`) with the gateway's hop ids. */
export type GatewayCallResult = GatewayReply;

/** Parameters of `callToolViaGatewayWithAgent`: `agent` replaces `agentState`. */
export type GatewayCallWithAgentParams = Omit<GatewayCallParams, "agentState"> & {
  readonly agent: AgentStateInput;
};
