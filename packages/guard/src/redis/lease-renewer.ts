/** Keeps the leases of the claims this process holds alive while their calls run. */
export interface LeaseRenewer {
  /** Renews `token` every `everyMs` with `renew` until it answers false or `stop(token)`. */
  start(token: string, renew: () => Promise<boolean>): void;
  stop(token: string): void;
  /** Stops every renewal: the leases then lapse as if this process had died. */
  stopAll(): void;
}

/**
 * Creates a {@link LeaseRenewer} whose timers are unref'd (they never keep the process alive). A
 * renewal that fails (Redis down) is retried at the next tick; if Redis stays away longer than the
 * lease, the claim lapses and another caller may run the call again.
 *
 * @example
 * const renewer = createLeaseRenewer(10_000);
 * renewer.start(claim.token, () => renewLease(claim));
 */
export function createLeaseRenewer(everyMs: number): LeaseRenewer {
  const timers = new Map<string, NodeJS.Timeout>();
  const stop = (token: string): void => {
    clearInterval(timers.get(token));
    timers.delete(token);
  };
  return {
    start(token, renew) {
      const timer = setInterval(() => {
        renew().then(
          (held) => {
            if (!held) stop(token);
          },
          () => undefined,
        );
      }, everyMs);
      timer.unref?.();
      timers.set(token, timer);
    },
    stop,
    stopAll() {
      for (const token of [...timers.keys()]) stop(token);
    },
  };
}
