// Exit hooks of startSec0NodeSdk({ shutdownOnExit: true }): shut the SDK down (flushing the spans
// still batched) when the process is told to stop or runs out of work.

/** Where the hooks are installed; `process` by default, a stand-in in tests. */
export type ExitEmitter = Pick<NodeJS.Process, "once" | "removeListener" | "listenerCount" | "kill" | "pid">;

/**
 * Calls `shutdown` once on `beforeExit` or `SIGTERM` and returns the function that removes the
 * hooks. On SIGTERM, when no other SIGTERM listener is left, the signal is raised again after the
 * shutdown so the process still ends as a SIGTERM would end it; with other listeners (an app
 * closing its server) they decide when to exit.
 *
 * @example
 * const remove = shutdownOnExit(() => sdk.shutdown());
 * remove(); // when shut down by other means
 */
export function shutdownOnExit(shutdown: () => Promise<void>, emitter: ExitEmitter = process): () => void {
  // Telemetry fails open: a failed flush at exit must not turn into an unhandled rejection.
  const settle = (): Promise<void> => shutdown().catch(() => undefined);
  const onBeforeExit = (): void => {
    remove();
    void settle();
  };
  const onSigterm = (): void => {
    remove();
    void settle().then(() => {
      if (emitter.listenerCount("SIGTERM") === 0) emitter.kill(emitter.pid, "SIGTERM");
    });
  };
  function remove(): void {
    emitter.removeListener("beforeExit", onBeforeExit);
    emitter.removeListener("SIGTERM", onSigterm);
  }
  emitter.once("beforeExit", onBeforeExit);
  emitter.once("SIGTERM", onSigterm);
  return remove;
}
