/**
 * Resolves after `ms`, or at once when `signal` is (or becomes) aborted; never rejects. The caller
 * checks `signal.aborted` afterwards.
 *
 * @example
 * await sleep(2000, controller.signal);
 * if (controller.signal.aborted) return;
 */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) {
      resolve();
      return;
    }
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}
