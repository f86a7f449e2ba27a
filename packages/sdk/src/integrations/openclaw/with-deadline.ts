/** What {@link withDeadline} resolves to when the deadline passes first. */
export const DEADLINE_PASSED: unique symbol = Symbol("sec0.deadline-passed");

/**
 * Races `work` against a timer of `ms`. OpenClaw treats a hook that times out (15 s by default)
 * or throws as if it had not answered, i.e. it lets the call or message through, so every
 * decision of the hooks must end, and end with an answer, before OpenClaw gives up on it.
 *
 * @example
 * const answer = await withDeadline(decide(), 10_000);
 * if (answer === DEADLINE_PASSED) return { block: true, blockReason: "sec0: decision timed out" };
 */
export async function withDeadline<T>(work: Promise<T>, ms: number): Promise<T | typeof DEADLINE_PASSED> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<typeof DEADLINE_PASSED>((resolve) => {
    timer = setTimeout(() => resolve(DEADLINE_PASSED), ms);
    timer.unref?.();
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
