import type { HopRecorder } from "./hop-recorder.js";

/** Runs one step of the generator inside the hop's frame and span context. */
export type InFrame = <R>(fn: () => R) => R;

/** True for the object an `async function*` returns. */
export function isAsyncGenerator(value: unknown): value is AsyncGenerator<unknown, unknown, unknown> {
  return Object.prototype.toString.call(value) === "[object AsyncGenerator]";
}

/**
 * Wraps an async generator so each `next()` / `return()` / `throw()` runs inside the hop's
 * frame, and the hop is recorded once, when the generator finishes: it returned (`ok`), it threw
 * (`error`, rethrown unchanged), or the consumer stopped early with `return()` (`ok`).
 * A generator that is never iterated to its end (and never `return()`ed) is never recorded.
 */
export function wrapAsyncGenerator<Y, R, N>(
  generator: AsyncGenerator<Y, R, N>,
  inFrame: InFrame,
  recorder: HopRecorder,
): AsyncGenerator<Y, R, N> {
  let finished = false;
  const step = async (move: () => Promise<IteratorResult<Y, R>>): Promise<IteratorResult<Y, R>> => {
    if (finished) return move();
    let result: IteratorResult<Y, R>;
    try {
      result = await inFrame(move);
    } catch (error) {
      finished = true;
      recorder.failed(error);
      throw error;
    }
    if (result.done === true) {
      finished = true;
      recorder.succeeded(result.value);
    } else {
      recorder.yielded(result.value);
    }
    return result;
  };
  const wrapped: AsyncGenerator<Y, R, N> = {
    next: (...value: [] | [N]) => step(() => generator.next(...value)),
    return: (value: R | PromiseLike<R>) => step(() => generator.return(value)),
    throw: (error: unknown) => step(() => generator.throw(error)),
    [Symbol.asyncIterator]() {
      return wrapped;
    },
  } as AsyncGenerator<Y, R, N>;
  const dispose = (Symbol as { asyncDispose?: symbol }).asyncDispose;
  if (dispose !== undefined) {
    Object.defineProperty(wrapped, dispose, {
      value: async () => {
        await wrapped.return(undefined as R);
      },
    });
  }
  return wrapped;
}
