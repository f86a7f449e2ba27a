import type { ToolCallResult } from "./open-tool-call.js";

/** A call allowed by `before_tool_call` and waiting for its `after_tool_call`. */
interface Pending {
  readonly settle: (outcome: ToolCallResult) => Promise<void>;
  readonly timer: ReturnType<typeof setTimeout>;
}

/** The calls between their two hooks, by `toolCallId` (else a per-session stack per tool). */
export interface PendingToolCalls {
  add(key: string, settle: (outcome: ToolCallResult) => Promise<void>): void;
  /** Settles the call of `key` with the tool's outcome; false when none was pending. */
  settle(key: string, outcome: ToolCallResult): Promise<boolean>;
  /** Settles every pending call as not observed (on close). */
  settleAll(reason: string): Promise<void>;
  /** Resolves when every settle under way has been recorded. */
  idle(): Promise<void>;
  readonly size: number;
}

/**
 * Creates the registry. A call whose `after_tool_call` never comes (another plugin blocked it
 * after sec0 allowed it, or the host crashed mid-call) is recorded as not observed after
 * `timeoutMs`, so no decision goes unaudited and memory stays bounded.
 */
export function createPendingToolCalls(timeoutMs: number): PendingToolCalls {
  const calls = new Map<string, Pending[]>();
  const settling = new Set<Promise<void>>();
  const run = (settle: Pending["settle"], outcome: ToolCallResult) => {
    const done = settle(outcome).finally(() => settling.delete(done));
    settling.add(done);
    return done;
  };
  const take = (key: string): Pending | undefined => {
    const stack = calls.get(key);
    const pending = stack?.shift();
    if (stack !== undefined && stack.length === 0) calls.delete(key);
    if (pending !== undefined) clearTimeout(pending.timer);
    return pending;
  };
  return {
    add(key, settle) {
      const timer = setTimeout(() => {
        const stack = calls.get(key);
        const index = stack?.findIndex((entry) => entry.timer === timer) ?? -1;
        if (stack === undefined || index < 0) return;
        const [entry] = stack.splice(index, 1);
        if (stack.length === 0) calls.delete(key);
        if (entry !== undefined)
          void run(entry.settle, { error: `after_tool_call was not observed within ${timeoutMs} ms` });
      }, timeoutMs);
      timer.unref?.();
      const stack = calls.get(key) ?? [];
      stack.push({ settle, timer });
      calls.set(key, stack);
    },
    async settle(key, outcome) {
      const pending = take(key);
      if (pending === undefined) return false;
      await run(pending.settle, outcome);
      return true;
    },
    async settleAll(reason) {
      const keys = [...calls.keys()];
      const all: Promise<void>[] = [];
      for (const key of keys) {
        for (let pending = take(key); pending !== undefined; pending = take(key))
          all.push(run(pending.settle, { error: reason }));
      }
      await Promise.all(all);
    },
    async idle() {
      await Promise.all([...settling]);
    },
    get size() {
      let count = 0;
      for (const stack of calls.values()) count += stack.length;
      return count;
    },
  };
}
