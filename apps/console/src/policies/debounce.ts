/** A debounced function: `call` restarts the wait, `cancel` drops a pending call. */
export interface Debounced<A extends unknown[]> {
  call(...args: A): void;
  cancel(): void;
}

/**
 * Runs `run` once `waitMs` have passed since the last `call`, with that call's arguments.
 *
 * @example
 * const validate = createDebounced((text: string) => send(text), 300);
 * validate.call("tenant: acme\n");
 */
export function createDebounced<A extends unknown[]>(
  run: (...args: A) => void,
  waitMs: number,
): Debounced<A> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const cancel = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  return {
    call(...args: A) {
      cancel();
      timer = setTimeout(() => {
        timer = undefined;
        run(...args);
      }, waitMs);
    },
    cancel,
  };
}
