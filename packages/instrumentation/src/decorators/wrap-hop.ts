import type { RunHopOptions } from "../hop/run-hop-options.js";
import type { HopType } from "../hop-types.js";
import { type HopTarget, parseHopTarget } from "./hop-target.js";
import { type HopFunction, wrapHopFunction } from "./wrap-hop-function.js";

/** `sec0.wrap.agent(target, fn, options?)` and its six siblings. */
export type HopWrapper = <This, Args extends unknown[], Return>(
  target: HopTarget,
  fn: HopFunction<This, Args, Return>,
  options?: RunHopOptions,
) => HopFunction<This, Args, Return>;

/**
 * The wrapper of hop type `type`, for plain JavaScript and type-stripping runtimes (no
 * decorators): `sec0.wrap.agent("OrderAgent.run", fn)` behaves as `@sec0.agent()` on
 * `OrderAgent.run`. The key is the target's, else `fn.name`; nothing is resolved before the first call.
 *
 * @example
 * const run = sec0.wrap.agent("OrderAgent.run", async (ctx, input, manager) => ({ ok: true }));
 */
export function hopWrapper(type: HopType): HopWrapper {
  return (target, fn, options) => {
    const parsed = parseHopTarget(target);
    const fallback = fn.name || "anonymous";
    return wrapHopFunction(type, fn, parsed, () => fallback, options);
  };
}
