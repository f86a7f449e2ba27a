// An async generator whose start (deciding the hop, maybe waiting for a human) is itself async.
import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Returns an async generator at once, as an `async function*` would; its first `next()` awaits
 * `start` (run in the async context of this call, not the consumer's) and then delegates to the
 * generator it resolves to, `return()` and `throw()` included.
 *
 * @example
 * for await (const chunk of deferGenerator(async () => runDecided())) use(chunk);
 */
export function deferGenerator<T>(start: () => Promise<AsyncGenerator<T>>): AsyncGenerator<T> {
  const inCallContext = AsyncLocalStorage.snapshot();
  async function* deferred(): AsyncGenerator<T> {
    return yield* await inCallContext(start);
  }
  return deferred();
}
