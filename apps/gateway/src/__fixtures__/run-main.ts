// Runs a built `dist/main.js` as the image's entrypoint would, and reads the URL from its one
// "listening" log line. Every wait is bounded.
import { type ChildProcess, spawn } from "node:child_process";

export interface MainProcess {
  readonly child: ChildProcess;
  readonly url: string;
  stdout(): string;
  stderr(): string;
  /** Sends SIGTERM and resolves with the exit code (null when killed after `timeoutMs`). */
  terminate(timeoutMs?: number): Promise<number | null>;
}

/** What a run that ended by itself printed. */
export interface FinishedRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Starts `node <mainJs>` and waits (up to `timeoutMs`) for `"msg":"sec0 gateway listening"`. */
export async function startMain(
  mainJs: string,
  options: { readonly cwd: string; readonly env: NodeJS.ProcessEnv; readonly timeoutMs?: number },
): Promise<MainProcess> {
  const child = spawn(process.execPath, [mainJs], { cwd: options.cwd, env: options.env, stdio: "pipe" });
  let out = "";
  let err = "";
  child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error(`no listening line within ${options.timeoutMs ?? 15_000} ms`)), options.timeoutMs ?? 15_000);
    const poll = setInterval(() => {
      const line = out.split("\n").find((l) => l.includes('"msg":"sec0 gateway listening"'));
      if (line !== undefined) finish(undefined, (JSON.parse(line) as { url: string }).url);
    }, 25);
    void exited.then((code) => finish(new Error(`main exited with ${code}: ${err}`)));
    function finish(error?: Error, found?: string) {
      clearTimeout(timer);
      clearInterval(poll);
      if (error !== undefined) reject(error);
      else resolve(found as string);
    }
  });
  return {
    child,
    url,
    stdout: () => out,
    stderr: () => err,
    async terminate(timeoutMs = 15_000) {
      if (child.exitCode === null) child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/** Runs `node <mainJs>` to its end (killed after `timeoutMs`), e.g. with a bad config. */
export function runMainToEnd(
  mainJs: string,
  options: { readonly cwd: string; readonly env: NodeJS.ProcessEnv; readonly timeoutMs?: number },
): Promise<FinishedRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [mainJs], { cwd: options.cwd, env: options.env, stdio: "pipe" });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 15_000);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** The environment a child gets: PATH and HOME only, plus `extra` (no inherited secrets). */
export function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: process.env.HOME ?? "/tmp", ...extra };
}
