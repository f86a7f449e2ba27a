// The package's one AsyncLocalStorage: the frame of the hop running in the current async context.
import { AsyncLocalStorage } from "node:async_hooks";
import type { HopFrame } from "../hop-types.js";

const storage = new AsyncLocalStorage<HopFrame>();

/**
 * The frame of the innermost hop running in this async context, if any.
 * @example
 * currentHopFrame()?.traceId;
 */
export function currentHopFrame(): HopFrame | undefined {
  return storage.getStore();
}

/**
 * Runs `fn` with `frame` as the current hop frame (for `fn` and everything it awaits or
 * schedules); the caller's frame is back when it returns. Uses `storage.run`, never `enterWith`.
 * @example
 * await runInHopFrame(childFrame(hop, { ctx }), () => handler(args));
 */
export function runInHopFrame<T>(frame: HopFrame, fn: () => T): T {
  return storage.run(frame, fn);
}
