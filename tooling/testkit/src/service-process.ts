// A service's built bin as a child process, for tests that run it as a user would: it resolves
// with the URL the service logs once it listens.
import { type ChildProcess, spawn } from "node:child_process";

/** How to start one service process. */
export interface ServiceProcessOptions {
  /** The built entry point (`dist/main.js`). */
  readonly bin: string;
  readonly args?: readonly string[];
  readonly cwd: string;
  /** Over the test process's environment. */
  readonly env?: Readonly<Record<string, string>>;
  /** Matches the log line that says the service listens; group 1 is its URL. */
  readonly ready: RegExp;
  /** The child is pushed here so the test can kill it (also on failure). */
  readonly children: ChildProcess[];
}

/** Starts the bin and resolves with its URL; rejects with its output when it exits first. */
export function startServiceProcess(
  options: ServiceProcessOptions,
): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [options.bin, ...(options.args ?? [])], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
  });
  options.children.push(child);
  return new Promise((resolve, reject) => {
    let out = "";
    const onData = (chunk: Buffer): void => {
      out += chunk.toString();
      const url = options.ready.exec(out)?.[1];
      if (url !== undefined) resolve({ url, child });
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.on("exit", (code) => reject(new Error(`${options.bin} exited ${code}: ${out}`)));
  });
}
