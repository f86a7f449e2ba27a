import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { Sec0Error } from "@sec0/core";

/** Where a service's output lines go (`stream` says which of its streams). */
export type DevLogSink = (service: string, line: string, stream: "stdout" | "stderr") => void;

/** One running service of the dev stack. */
export interface DevService {
  readonly name: string;
  readonly url: string;
  readonly pid: number | undefined;
  /** Resolves with the exit code (or the signal's name) when the process ends, for any reason. */
  readonly exited: Promise<number | string>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
  stop(graceMs?: number): Promise<void>;
  /** Sends `signal` (a crash, for tests: `SIGKILL`) without waiting. */
  kill(signal: NodeJS.Signals): void;
}

/** How to start one service. */
export interface DevServiceSpec {
  readonly name: string;
  readonly main: string;
  readonly args?: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Base URL; `<url>/healthz` answering 2xx means ready. */
  readonly url: string;
  readonly log: DevLogSink;
  readonly readyTimeoutMs?: number;
}

const KEPT_LINES = 20;

/**
 * Starts `node <main>` and resolves once `<url>/healthz` answers. A process that exits (or never
 * answers) first is `CLI_DEV_SERVICE_FAILED` with its last lines of output; it is killed first.
 */
export async function startDevService(spec: DevServiceSpec): Promise<DevService> {
  const child = spawn(process.execPath, [spec.main, ...(spec.args ?? [])], {
    cwd: spec.cwd,
    env: spec.env as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const recent: string[] = [];
  const keep = (line: string) => {
    recent.push(line);
    if (recent.length > KEPT_LINES) recent.shift();
  };
  for (const stream of ["stdout", "stderr"] as const) {
    const source = child[stream];
    if (source === null) continue;
    createInterface({ input: source, crlfDelay: Number.POSITIVE_INFINITY }).on("line", (line) => {
      keep(line);
      spec.log(spec.name, line, stream);
    });
  }
  const exited = new Promise<number | string>((resolveExit) => {
    child.once("exit", (code, signal) => resolveExit(code ?? signal ?? "unknown"));
    child.once("error", (error) => {
      keep(error.message);
      resolveExit("spawn_failed");
    });
  });
  const service: DevService = {
    name: spec.name,
    url: spec.url,
    pid: child.pid,
    exited,
    stop: (graceMs = 15_000) => stopChild(child, exited, graceMs),
    kill: (signal) => {
      child.kill(signal);
    },
  };
  const ready = await waitUntilReady(spec.url, exited, spec.readyTimeoutMs ?? 60_000);
  if (ready !== true) {
    await service.stop(2_000);
    throw new Sec0Error(
      "CLI_DEV_SERVICE_FAILED",
      `${spec.name} did not start (${ready}); its last output:\n${recent.join("\n")}`,
    );
  }
  return service;
}

/** Runs `node <main> <args>` to the end; resolves with its exit code and output. */
export function runDevCommand(
  main: string,
  args: readonly string[],
  cwd: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolveRun) => {
    const child = spawn(process.execPath, [main, ...args], {
      cwd,
      env: env as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.once("error", (error) => resolveRun({ code: 1, stdout, stderr: `${stderr}${error.message}` }));
    child.once("close", (code) => resolveRun({ code: code ?? 1, stdout, stderr }));
  });
}

async function waitUntilReady(
  url: string,
  exited: Promise<number | string>,
  timeoutMs: number,
): Promise<true | string> {
  let gone: string | undefined;
  void exited.then((code) => {
    gone = `exited with ${code}`;
  });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (gone !== undefined) return gone;
    try {
      const reply = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1_000) });
      await reply.body?.cancel();
      if (reply.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((wake) => setTimeout(wake, 100));
  }
  return gone ?? `no answer from ${url}/healthz within ${timeoutMs} ms`;
}

async function stopChild(
  child: ChildProcess,
  exited: Promise<number | string>,
  graceMs: number,
): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  try {
    await exited;
  } finally {
    clearTimeout(timer);
  }
}
