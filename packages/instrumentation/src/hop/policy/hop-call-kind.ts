// Whether a hop's function can wait for the control plane before it runs.

/** `sync` functions cannot await the first policy fetch or a human; the others can. */
export type HopCallKind = "sync" | "async" | "async-generator";

const ASYNC = Object.getPrototypeOf(async () => {}) as object;
const ASYNC_GENERATOR = Object.getPrototypeOf(async function* () {}) as object;

/**
 * The kind of a decorated function, from its own kind (an `async` method or `async function*`),
 * never from calling it: a plain function that returns a promise counts as `sync`.
 *
 * @example
 * hopCallKindOf(async () => 1); // "async"
 */
export function hopCallKindOf(fn: unknown): HopCallKind {
  if (typeof fn !== "function") return "sync";
  const proto = Object.getPrototypeOf(fn) as object | null;
  if (proto === ASYNC_GENERATOR) return "async-generator";
  if (proto === ASYNC) return "async";
  return "sync";
}
