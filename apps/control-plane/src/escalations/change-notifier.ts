import type { Database } from "../db/database.js";

/**
 * In-process wake-ups for long-polls: the vote and expiry paths call `notify(id)` after their
 * transaction commits, and `GET /api/escalations/:id?wait=` waits on it (and re-reads the row).
 *
 * Limitation: this only reaches waiters in the same process. With several replicas on one
 * Postgres a vote on replica A does not wake a waiter on replica B, which then sees the change at
 * its next periodic re-check (see `waitForChange`). Postgres `LISTEN/NOTIFY` (PGlite supports it
 * too) would close that gap; it is not wired yet.
 */
export class ChangeNotifier {
  readonly #waiters = new Map<string, Set<() => void>>();

  /** Resolves when `id` is notified, when `ms` pass, or when `signal` aborts. */
  wait(id: string, ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      // An abort that came before the wait began never fires its event: resolve at once.
      if (signal?.aborted) return resolve();
      const set = this.#waiters.get(id) ?? new Set<() => void>();
      this.#waiters.set(id, set);
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", done);
        set.delete(done);
        if (set.size === 0 && this.#waiters.get(id) === set) this.#waiters.delete(id);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      set.add(done);
      signal?.addEventListener("abort", done, { once: true });
    });
  }

  /** Wakes every waiter of `id`. */
  notify(id: string): void {
    for (const wake of [...(this.#waiters.get(id) ?? [])]) wake();
  }
}

const notifiers = new WeakMap<Database, ChangeNotifier>();

/** The notifier shared by everything in this process that uses `db`. */
export function changeNotifierFor(db: Database): ChangeNotifier {
  let notifier = notifiers.get(db);
  if (notifier === undefined) {
    notifier = new ChangeNotifier();
    notifiers.set(db, notifier);
  }
  return notifier;
}
