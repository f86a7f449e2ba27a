import {
  extractAgentStateFromHeaders,
  formatToolRef,
  isoTimestamp,
  resolveIdempotencyKey,
  type ToolRef,
} from "@sec0/core";
import type { CallStart } from "../engine/call-record.js";
import type { EngineContext } from "../engine/engine-context.js";
import type { GovernedCall } from "../engine/engine-types.js";
import { causeFromHeaders, startToolSpan } from "../telemetry/tool-span.js";
import { readCallContext } from "./read-call-context.js";

/**
 * Step 1: what the call says about itself — its tool reference, span, control data (approval
 * token, idempotency key) and who is calling (agent-state headers, validated when present). It
 * runs before the policy is resolved, because the policy may depend on the calling node. Nothing
 * here throws: bad headers and keys are carried as values and decided on later.
 */
export function readCall(engine: EngineContext, call: GovernedCall): CallStart {
  const started = engine.clock.now();
  const version = call.version ?? call.server.version;
  const ref: ToolRef = {
    server: call.server.name,
    tool: call.tool,
    ...(version === undefined ? {} : { version }),
  };
  const span = startToolSpan({
    server: call.server.name,
    tool: call.tool,
    version,
    headers: call.headers,
    enabled: engine.options.telemetryEnabled !== false,
    ...(engine.options.tracer === undefined ? {} : { tracer: engine.options.tracer }),
  });
  const context = readCallContext(call.args, call.headers, call.meta);
  let agent: CallStart["agent"];
  let agentError: string | undefined;
  try {
    // Validated as 0.2.3 does when present; `undefined` when the caller sent none.
    agent = extractAgentStateFromHeaders(context.headers);
  } catch (error) {
    agentError = (error as Error).message;
  }
  let idempotency: CallStart["idempotency"];
  let idempotencyError: unknown;
  try {
    idempotency = resolveIdempotencyKey({ meta: call.meta, headers: context.headers, args: context.args });
  } catch (error) {
    idempotencyError = error;
  }
  return {
    call,
    started,
    ts: isoTimestamp(started),
    ref,
    toolRef: formatToolRef(ref),
    version,
    span,
    context,
    cause: call.headers === undefined ? undefined : causeFromHeaders(context.headers, span.traceId),
    agent,
    agentError,
    idempotency,
    idempotencyError,
  };
}
