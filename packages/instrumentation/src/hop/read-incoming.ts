import {
  AGENT_PARENT_REF_HEADER,
  AGENT_REF_HEADER,
  AGENT_STATE_HEADER,
  extractAgentStateFromHeaders,
  isSec0Error,
  NODE_ID_HEADER,
  normalizeAgentStatePayload,
  normalizeNodeId,
  Sec0Error,
} from "@sec0/core";
import type { HopConfig } from "../hop-types.js";
import { isAgentHop } from "./hop-node-type.js";

/** The `ctx` object agent and orchestrator hops take as their first argument. */
export interface HopCallContext {
  readonly traceId?: string;
  readonly spanId?: string;
  readonly runId?: string;
  readonly agentState?: unknown;
  readonly cause?: { readonly traceId: string; readonly spanId: string };
}

/** Incoming headers as `childFrame` takes them. */
export type IncomingHeaders = Record<string, string | string[] | undefined>;

/** What a hop call brings in, cleaned for `childFrame`, and the reasons found on the way. */
export interface IncomingHop {
  readonly ctx?: HopCallContext;
  readonly headers?: IncomingHeaders;
  /** Violations found before the call (`agent_state_invalid`), for the hop's decision. */
  readonly reasons: readonly string[];
  /** True when the caller named the trace (`ctx.traceId`, or a `traceparent` / `x-cause-trace` header). */
  readonly traceGiven: boolean;
}

const AGENT_STATE_HEADERS: ReadonlySet<string> = new Set([
  NODE_ID_HEADER,
  AGENT_REF_HEADER,
  AGENT_PARENT_REF_HEADER,
  AGENT_STATE_HEADER,
]);

/**
 * Reads the incoming context of a hop call: agent and orchestrator hops take `ctx` (first
 * argument); node hops take `params.headers`. An agent state that does not parse is the reason
 * `agent_state_invalid` and is left out of what the frame is built from, so the decision (not an
 * exception) says what happens; an agent hop's `ctx.agentState` whose `nodeId` is not the hop's
 * is `agent_state_invalid` too, but is kept (the frame takes its run and variables, with the
 * hop's nodeId) for observe mode.
 *
 * Node hops do not compare `x-node-id` with their own node id: it names the calling agent.
 *
 * @throws {Sec0Error} `INSTRUMENTATION_CONTEXT_INVALID` (details.field `ctx`) when an agent hop's first argument is
 * neither an object nor absent.
 */
export function readIncoming(hop: HopConfig, args: readonly unknown[]): IncomingHop {
  return isAgentHop(hop.type) ? readAgentContext(hop, args[0]) : readNodeHeaders(args[0]);
}

function readAgentContext(hop: HopConfig, first: unknown): IncomingHop {
  if (first === undefined || first === null) return { reasons: [], traceGiven: false };
  if (typeof first !== "object" || Array.isArray(first)) {
    throw new Sec0Error(
      "INSTRUMENTATION_CONTEXT_INVALID",
      `The ${hop.type} hop ${hop.key} was called with a ${Array.isArray(first) ? "array" : typeof first} as its first ` +
        "argument; pass a ctx object first ({ traceId?, spanId?, runId?, agentState? }, {} when there is none), " +
        "then the input: run(ctx, input).",
      { details: { field: "ctx", hop: hop.key, type: hop.type } },
    );
  }
  const source = first as Record<string, unknown>;
  const ctx: Record<string, unknown> = {};
  for (const field of ["traceId", "spanId", "runId"] as const) {
    if (source[field] !== undefined && source[field] !== null) ctx[field] = source[field];
  }
  if (source.cause !== undefined && source.cause !== null) ctx.cause = source.cause;
  const traceGiven = ctx.traceId !== undefined;
  if (source.agentState === undefined || source.agentState === null) return { ctx, reasons: [], traceGiven };
  const state = parseState(source.agentState);
  if (state === undefined) return { ctx, reasons: ["agent_state_invalid"], traceGiven };
  // Another node's state is a violation, but its run and variables still describe the call.
  const reasons = sameNode(state.nodeId, hop.nodeId) ? [] : ["agent_state_invalid"];
  return { ctx: { ...ctx, agentState: state }, reasons, traceGiven };
}

function readNodeHeaders(params: unknown): IncomingHop {
  const raw =
    typeof params === "object" && params !== null ? (params as { headers?: unknown }).headers : undefined;
  const headers = toRecord(raw);
  if (headers === undefined) return { reasons: [], traceGiven: false };
  const traceGiven = headers.traceparent !== undefined || headers["x-cause-trace"] !== undefined;
  try {
    extractAgentStateFromHeaders(headers);
    return { headers, reasons: [], traceGiven };
  } catch (error) {
    if (!isSec0Error(error)) throw error;
    const kept: IncomingHeaders = {};
    for (const [name, value] of Object.entries(headers))
      if (!AGENT_STATE_HEADERS.has(name)) kept[name] = value;
    return { headers: kept, reasons: ["agent_state_invalid"], traceGiven };
  }
}

function parseState(value: unknown): ReturnType<typeof normalizeAgentStatePayload> | undefined {
  try {
    return normalizeAgentStatePayload(value);
  } catch (error) {
    if (isSec0Error(error)) return undefined;
    throw error;
  }
}

function sameNode(incoming: string, configured: string): boolean {
  try {
    return incoming === normalizeNodeId(configured);
  } catch {
    return false;
  }
}

/** Lower-cased header names; a Fetch `Headers` (or anything with `forEach`) is copied too. */
function toRecord(raw: unknown): IncomingHeaders | undefined {
  if (typeof raw !== "object" || raw === null) return undefined;
  const out: IncomingHeaders = {};
  const each = (raw as { forEach?: unknown }).forEach;
  if (typeof each === "function" && !Array.isArray(raw)) {
    (raw as { forEach(fn: (value: string, name: string) => void): void }).forEach((value, name) => {
      out[name.toLowerCase()] = value;
    });
    return out;
  }
  for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof value === "string" || Array.isArray(value))
      out[name.toLowerCase()] = value as string | string[];
  }
  return out;
}
