import { context } from "@opentelemetry/api";
import { type AgentStateVariables, type Clock, type Decision, silentLogger, systemClock } from "@sec0/core";
import { AgentManager } from "../agent-manager/index.js";
import { getSec0AppConfig } from "../config/index.js";
import { childFrame, type HopContextInput, runInHopFrame } from "../context/index.js";
import type { AppProfile, HopConfig, HopFrame } from "../hop-types.js";
import { decideHop, policyDecisionOf } from "./decide-hop.js";
import { auditSinkFor } from "./hop-audit-sink.js";
import { hopDeniedError } from "./hop-denied-error.js";
import { HopRecorder } from "./hop-recorder.js";
import { startHopSpan } from "./hop-span.js";
import { governHop } from "./policy/govern-hop.js";
import type { HopCallKind } from "./policy/hop-call-kind.js";
import { hopControlPlaneOf } from "./policy/hop-control-plane.js";
import { readIncoming } from "./read-incoming.js";
import type { RunHopOptions } from "./run-hop-options.js";
import { isAsyncGenerator, wrapAsyncGenerator } from "./wrap-async-generator.js";

/** One call of a hop: the receiver, the caller's arguments, and how to call the real function. */
export interface HopCall<T> {
  readonly self: unknown;
  /** The arguments as the caller passed them (without an AgentManager). */
  readonly args: readonly unknown[];
  /** Calls the real function with these arguments (the caller's, then the AgentManager). */
  readonly invoke: (args: unknown[]) => T;
  /**
   * Whether the real function is `async` or an `async function*` (see `hopCallKindOf`); default
   * `sync`. Only with a control plane does it matter: an async call may wait for the first policy
   * fetch and for a human's verdict on an escalation, a sync one never waits.
   */
  readonly kind?: HopCallKind;
}

/**
 * Runs one hop call: builds its frame (`ctx` of agent and orchestrator hops, `params.headers`
 * of node hops), decides the hop's policy BEFORE the function runs, then runs it inside the
 * frame and an OpenTelemetry span, with an `AgentManager` appended as the last argument, and
 * queues one signed audit record when it ends.
 *
 * Reasons are found before the call only (`agent_state_invalid`), never guessed from results.
 * Without a control plane the hop's own enforcement decides and an escalation is a deny. With
 * one (`auth.sec0ApiKey` and a control-plane URL) its policy supplies deny_on / escalate_on (the
 * hop's own lists override), fetched at the first call and refreshed in the background; an
 * escalation of an async call waits for a human (approved: it runs). A deny throws `Sec0Error`
 * `POLICY_DENIED` without running the function, and is recorded; observe mode records
 * `would_deny` and runs it. What the function throws is recorded (`status: "error"`) and
 * rethrown unchanged. A sync function stays sync; a promise is returned as a promise; an async
 * generator is wrapped so each step runs in the frame and the record is written when it ends.
 *
 * @throws {Sec0Error} `POLICY_DENIED` (for an async call: as the rejection);
 * `INSTRUMENTATION_HOP_POLICY_NOT_READY` for a sync call before any control-plane policy was
 * obtained; `INSTRUMENTATION_CONTEXT_INVALID` for an agent hop
 * whose first argument is not an object; the signer's codes when the profile's key cannot be
 * loaded at the first call.
 * @example
 * const result = runHop(hop, { self: this, args, invoke: (all) => method.apply(this, all) });
 */
export function runHop<T>(hop: HopConfig, call: HopCall<T>, options: RunHopOptions = {}): T {
  const profile = options.profile ?? getSec0AppConfig();
  const clock = options.clock ?? systemClock;
  const startedAt = clock.now();
  const incoming = readIncoming(hop, call.args);
  const base = childFrame(hop, {
    ...(incoming.ctx === undefined ? {} : { ctx: incoming.ctx as HopContextInput }),
    ...(incoming.headers === undefined ? {} : { headers: incoming.headers }),
  });
  const start = (decision: Decision): T =>
    startHop(hop, call, { options, profile, clock, startedAt, base, incoming }, decision);
  const controlPlane = hopControlPlaneOf(profile);
  if (controlPlane === undefined) return start(decideHop(hop, incoming.reasons));
  const kind = call.kind ?? "sync";
  return governHop(
    { profile, hop, reasons: incoming.reasons, kind, args: call.args, runId: base.runId, clock },
    controlPlane,
    start,
  );
}

/** What {@link startHop} carries over from the start of the call. */
interface HopStart {
  readonly options: RunHopOptions;
  readonly profile: AppProfile;
  readonly clock: Clock;
  readonly startedAt: number;
  readonly base: HopFrame;
  readonly incoming: ReturnType<typeof readIncoming>;
}

/** Opens the span and recorder, refuses a non-allow decision, else runs the function. */
function startHop<T>(hop: HopConfig, call: HopCall<T>, at: HopStart, decision: Decision): T {
  const { options, profile, incoming } = at;
  const started = startHopSpan(at.base, {
    decision: policyDecisionOf(decision),
    traceGiven: incoming.traceGiven,
    ...(incoming.ctx?.spanId === undefined ? {} : { callerSpanId: incoming.ctx.spanId }),
  });
  const frame = started.frame;
  let manager: AgentManager | undefined;
  const recorder = new HopRecorder({
    profile,
    sink: options.auditSink ?? auditSinkFor(profile),
    logger: options.logger ?? silentLogger,
    clock: at.clock,
    frame,
    span: started.span,
    decision,
    startedAt: at.startedAt,
    args: call.args,
    ...(options.redact === undefined ? {} : { redact: options.redact }),
    recordContent: options.recordContent === true,
    variables: () => variablesOf(manager) ?? frame.state.variables,
  });
  if (decision.action !== "allow") {
    const denied = hopDeniedError(hop, decision);
    recorder.failed(denied);
    throw denied;
  }
  manager = new AgentManager(frame, { profile, runHop, hopOptions: options });
  const inFrame = <R>(fn: () => R): R => runInHopFrame(frame, () => context.with(started.context, fn));
  let result: T;
  try {
    result = inFrame(() => call.invoke(withManager(call.args, manager as AgentManager)));
  } catch (error) {
    recorder.failed(error);
    throw error;
  }
  if (isPromiseLike(result)) {
    return Promise.resolve(result).then(
      (value) => {
        recorder.succeeded(value);
        return value;
      },
      (error: unknown) => {
        recorder.failed(error);
        throw error;
      },
    ) as T;
  }
  if (isAsyncGenerator(result)) return wrapAsyncGenerator(result, inFrame, recorder) as T;
  recorder.succeeded(result);
  return result;
}

/** The caller's arguments, then the AgentManager (`run(ctx, input, manager)`, `(params, manager)`). */
function withManager(args: readonly unknown[], manager: AgentManager): unknown[] {
  return args.length === 0 ? [undefined, manager] : [...args, manager];
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === "object" || typeof value === "function") &&
    value !== null &&
    typeof (value as { then?: unknown }).then === "function"
  );
}

function variablesOf(manager: AgentManager | undefined): AgentStateVariables | undefined {
  // A copy (the method may keep its manager), made only when there are variables to record.
  const variables = manager?.frame.state.variables;
  return variables === undefined ? undefined : structuredClone(variables);
}
