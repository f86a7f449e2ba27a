import { hopCallKindOf } from "../hop/policy/hop-call-kind.js";
import { runHop } from "../hop/run-hop.js";
import type { RunHopOptions } from "../hop/run-hop-options.js";
import type { HopType } from "../hop-types.js";
import type { ParsedHopTarget } from "./hop-target.js";
import { lazyHop } from "./lazy-hop.js";

/** Any function, with its receiver type kept. */
export type HopFunction<This, Args extends unknown[], Return> = (this: This, ...args: Args) => Return;

/**
 * Wraps `fn` as a hop of `type`: each call resolves the hop (once, lazily), then goes through
 * `runHop` with the caller's `this` and arguments; `fn` gets the AgentManager as its last
 * argument. `keyOf(self)` names the hop when `target` gives no key.
 */
export function wrapHopFunction<This, Args extends unknown[], Return>(
  type: HopType,
  fn: HopFunction<This, Args, Return>,
  target: ParsedHopTarget,
  keyOf: (self: This) => string,
  options: RunHopOptions = {},
): HopFunction<This, Args, Return> {
  const lazy = lazyHop(type, target);
  const kind = hopCallKindOf(fn);
  const wrapped = function sec0Hop(this: This, ...args: Args): Return {
    const { profile, hop } = lazy.resolve(() => keyOf(this), options.profile);
    return runHop<Return>(
      hop,
      { self: this, args, kind, invoke: (all) => fn.apply(this, all as Args) },
      { ...options, profile },
    );
  };
  Object.defineProperty(wrapped, "name", { value: fn.name, configurable: true });
  return wrapped;
}
