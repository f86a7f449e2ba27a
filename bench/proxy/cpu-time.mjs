// CPU time of the processes of one MCP connection, read from /proc (Linux), so the proxy benchmark
// can say which process spends a call's time. Elsewhere `available` is false and nothing is read.
import { existsSync, readdirSync, readFileSync } from "node:fs";

export const available = existsSync(`/proc/${process.pid}/task/${process.pid}/schedstat`);

// The fields after the command name (which may hold spaces): state, ppid, …
function statFields(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    return undefined; // the process has exited
  }
}

/**
 * CPU time of `pid` in µs, all its threads (V8's GC helpers and libuv's pool too), from the
 * scheduler's nanosecond counters (`schedstat`; utime and stime count in 10 ms ticks). 0 once it
 * has exited, or for `undefined`.
 */
export function cpuMicros(pid) {
  if (pid === undefined) return 0;
  let nanos = 0;
  try {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      nanos += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, "utf8").split(" ")[0]);
    }
  } catch {
    // the process (or one of its threads) has exited
  }
  return nanos / 1000;
}

/** The process ids whose parent is `pid`. */
export function childrenOf(pid) {
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => statFields(name)?.[1] === String(pid))
    .map(Number);
}
