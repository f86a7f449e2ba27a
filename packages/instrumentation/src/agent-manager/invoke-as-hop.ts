// Every `manager.invoke` is a hop of its own: recorded (signed, status ok / error) under the
// calling hop, so `sec0 audit graph` links the invoke, and what it reaches, to the caller.
import { runInHopFrame } from "../context/index.js";
import type { HopCall, RunHopOptions } from "../hop/index.js";
import type { AppProfile, HopConfig, HopFrame } from "../hop-types.js";
import { invokeHop } from "./invoke-hop.js";
import { localHopConfig } from "./local-hop-config.js";

/** The hop runner an invoke is recorded with: `runHop` (given as `AgentManagerOptions.runHop`). */
export type InvokeHopRunner = <T>(hop: HopConfig, call: HopCall<T>, options?: RunHopOptions) => T;

/** One `manager.invoke` call and what it is recorded with. */
export interface InvokeAsHopInput {
  /** The frame of the hop that calls `invoke` (the record's parent). */
  readonly caller: HopFrame;
  readonly profile: AppProfile;
  /** Without a runner the call is made unrecorded (an AgentManager built outside `runHop`). */
  readonly runHop: InvokeHopRunner | undefined;
  /** The calling hop's options; the invoke's record takes its audit sink, logger and clock. */
  readonly hopOptions: RunHopOptions | undefined;
  readonly hopKey: string;
  readonly params: unknown;
}

/**
 * Runs an invoke as a hop of its own through `runHop`, inside the caller's frame: the target's
 * `app.hops` config (a local handler without one: {@link localHopConfig}), so the record's parent
 * is the calling hop and the request's cause is the invoke's own hop. Its status is recorded and an
 * error is rethrown unchanged; the hop's enforcement decides before the call. A hop invoking its
 * own key is already recorded by itself and makes the call directly, as does a manager without a
 * runner.
 * @throws {import("@sec0/core").Sec0Error} as `invokeHop`; `POLICY_DENIED` when the target hop's
 * enforcement refuses the call.
 * @example
 * await invokeAsHop({ caller: frame, profile, runHop, hopOptions: {}, hopKey: "Edge.call", params });
 */
export function invokeAsHop(input: InvokeAsHopInput): Promise<unknown> {
  const { caller, profile, hopKey, params } = input;
  const target = profile.hops.get(hopKey);
  const runner = input.runHop;
  if (runner === undefined || caller.hop.key === hopKey) {
    return invokeHop({ caller, via: caller }, target, hopKey, params);
  }
  const hop = target ?? localHopConfig(hopKey);
  const call: HopCall<Promise<unknown>> = {
    self: undefined,
    // Called like the decorated hop would be: agents and orchestrators take a ctx first (empty:
    // the caller's frame is the parent), node hops their params.
    args: hop.type === "agent" || hop.type === "orchestrator" ? [{}, params] : [params],
    kind: "async",
    invoke: (all) => invokeHop({ caller, via: frameOf(all.at(-1), caller) }, target, hopKey, params),
  };
  return runInHopFrame(caller, () => runner(hop, call, recordOptions(profile, input.hopOptions)));
}

/** The caller's sink, logger and clock; its redaction and content flag describe its own arguments. */
function recordOptions(profile: AppProfile, given: RunHopOptions | undefined): RunHopOptions {
  return {
    profile,
    ...(given?.auditSink === undefined ? {} : { auditSink: given.auditSink }),
    ...(given?.logger === undefined ? {} : { logger: given.logger }),
    ...(given?.clock === undefined ? {} : { clock: given.clock }),
  };
}

/** The frame of the AgentManager `runHop` appends: the invoke's own hop. */
function frameOf(manager: unknown, fallback: HopFrame): HopFrame {
  const frame = (manager as { readonly frame?: HopFrame } | undefined)?.frame;
  return frame ?? fallback;
}
