import { isSpanContextValid, trace } from "@opentelemetry/api";
import {
  type AgentStatePayload,
  extractAgentStateFromHeaders,
  generateSpanId,
  generateTraceId,
  type HeaderSource,
  normalizeAgentStatePayload,
  normalizeRunRef,
  parseTraceparent,
  readHeader,
  Sec0Error,
  TRACEPARENT_HEADER,
} from "@sec0/core";
import type { HopConfig, HopFrame } from "../hop-types.js";
import { generateRunRef } from "./generate-run-ref.js";
import { causeFromHeaders, type HopCause, isSpanId, isTraceId } from "./hop-cause.js";
import { currentHopFrame } from "./hop-frame-storage.js";

/** The `ctx` a caller hands a hop (0.2.3's first argument of agent and orchestrator methods). */
export interface HopContextInput {
  /** Trace to join when no hop of this process is running (32 hex). */
  readonly traceId?: string;
  /** With `traceId`: the caller's span, recorded as the new hop's parentSpanId (16 hex). */
  readonly spanId?: string;
  readonly runId?: string;
  /** The caller's agent state (e.g. `manager.agent.snapshot()`); its nodeId is replaced by the hop's. */
  readonly agentState?: unknown;
  /** The hop that caused this one, when the headers name none (`x-cause-trace` / `x-cause-span`). */
  readonly cause?: HopCause;
}

/** What a new hop is started from: the caller's ctx and/or the incoming request's headers. */
export interface ChildFrameInput {
  readonly ctx?: HopContextInput;
  readonly headers?: HeaderSource;
}

/**
 * The frame of a new hop started inside the current one (if any). Trace: the running hop's, else
 * `ctx.traceId`, else the `traceparent` header's, else new; a new span whose parent is the running
 * hop's span (or `ctx.spanId`, or the traceparent's parent id). Cause: `x-cause-trace/-span`,
 * else `ctx.cause`. Run: `ctx.runId`, else the running hop's, else the incoming agent state's
 * (`ctx.agentState`, else the agent-state headers), else a new run ref. The state keeps the
 * incoming variables and metadata, with the hop's nodeId, the run id and the parent ref.
 *
 * @throws {Sec0Error} `INSTRUMENTATION_CONTEXT_INVALID` for a malformed ctx id (the field is named);
 * `CORE_AGENT_STATE_INVALID` for incoming agent state the codec refuses.
 * @example
 * const frame = childFrame(hop, { headers: request.headers });
 * await runInHopFrame(frame, () => handle(request));
 */
export function childFrame(hop: HopConfig, input: ChildFrameInput = {}): HopFrame {
  const ctx = input.ctx ?? {};
  const parent = currentHopFrame();
  const trace = pickTrace(parent, ctx, input.headers);
  const incoming = incomingState(ctx, input.headers);
  const ctxRun = ctx.runId === undefined ? undefined : checkedRunId(ctx.runId);
  const runId = ctxRun ?? parent?.runId ?? incoming?.runId ?? generateRunRef();
  const parentRef = pickParentRef(runId, parent, incoming);
  const cause = causeFromHeaders(input.headers) ?? checkedCause(ctx.cause);
  const state: AgentStatePayload = normalizeAgentStatePayload({
    nodeId: hop.nodeId,
    runId,
    ...(parentRef === undefined ? {} : { parentRef }),
    ...(incoming?.variables === undefined ? {} : { variables: incoming.variables }),
    ...(incoming?.metadata === undefined ? {} : { metadata: incoming.metadata }),
  });
  return Object.freeze({
    hop,
    traceId: trace.traceId,
    spanId: generateSpanId(),
    ...(trace.parentSpanId === undefined ? {} : { parentSpanId: trace.parentSpanId }),
    ...(cause === undefined ? {} : { cause }),
    runId: state.runId ?? runId,
    ...(state.parentRef === undefined ? {} : { parentRef: state.parentRef }),
    state,
  });
}

function pickTrace(
  parent: HopFrame | undefined,
  ctx: HopContextInput,
  headers: HeaderSource | undefined,
): { traceId: string; parentSpanId?: string } {
  if (parent !== undefined) return { traceId: parent.traceId, parentSpanId: parent.spanId };
  if (ctx.traceId !== undefined) {
    if (!isTraceId(ctx.traceId)) throw invalidCtx("ctx.traceId", "32 hex characters, not all zero");
    if (ctx.spanId !== undefined && !isSpanId(ctx.spanId)) {
      throw invalidCtx("ctx.spanId", "16 hex characters, not all zero");
    }
    return {
      traceId: ctx.traceId.toLowerCase(),
      ...(ctx.spanId === undefined ? {} : { parentSpanId: ctx.spanId.toLowerCase() }),
    };
  }
  const header = headers === undefined ? undefined : readHeader(headers, TRACEPARENT_HEADER);
  const parsed = header === undefined ? undefined : parseTraceparent(header);
  if (parsed?.ok) return { traceId: parsed.value.traceId, parentSpanId: parsed.value.spanId };
  // Inside a span of another sec0 surface (a tool run by the middleware, say): that span is the parent.
  const active = activeSpanContext();
  if (active !== undefined) return active;
  return { traceId: generateTraceId() };
}

function activeSpanContext(): { traceId: string; parentSpanId: string } | undefined {
  try {
    const span = trace.getActiveSpan();
    const context = span?.spanContext();
    if (context === undefined || !isSpanContextValid(context)) return undefined;
    return { traceId: context.traceId, parentSpanId: context.spanId };
  } catch {
    return undefined;
  }
}

function incomingState(
  ctx: HopContextInput,
  headers: HeaderSource | undefined,
): AgentStatePayload | undefined {
  if (ctx.agentState !== undefined && ctx.agentState !== null)
    return normalizeAgentStatePayload(ctx.agentState);
  return headers === undefined ? undefined : extractAgentStateFromHeaders(headers);
}

/** The run this one descends from: a different run of the running hop or of the caller, else theirs. */
function pickParentRef(
  runId: string,
  parent: HopFrame | undefined,
  incoming: AgentStatePayload | undefined,
): string | undefined {
  for (const candidate of [parent?.runId, incoming?.runId]) {
    if (candidate !== undefined && candidate !== runId) return candidate;
  }
  return parent?.parentRef ?? incoming?.parentRef;
}

function checkedRunId(value: unknown): string {
  if (typeof value !== "string" || value.trim().length === 0) {
    throw invalidCtx("ctx.runId", "a non-empty string");
  }
  return normalizeRunRef(value);
}

function checkedCause(cause: HopCause | undefined): HopCause | undefined {
  if (cause === undefined || cause === null) return undefined;
  if (!isTraceId(cause.traceId)) throw invalidCtx("ctx.cause.traceId", "32 hex characters, not all zero");
  if (!isSpanId(cause.spanId)) throw invalidCtx("ctx.cause.spanId", "16 hex characters, not all zero");
  return { traceId: cause.traceId.toLowerCase(), spanId: cause.spanId.toLowerCase() };
}

function invalidCtx(field: string, expected: string): Sec0Error {
  return new Sec0Error(
    "INSTRUMENTATION_CONTEXT_INVALID",
    `${field} must be ${expected}; leave it out to let sec0 generate one.`,
    { details: { field } },
  );
}
