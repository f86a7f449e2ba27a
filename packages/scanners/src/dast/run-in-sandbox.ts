import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { sandboxEnv } from "./sandbox-env.js";

/** The `code` of the error a sandboxed process gets for a non-loopback connection. */
export const SANDBOX_NETWORK_BLOCKED = "SCANNERS_SANDBOX_NETWORK_BLOCKED";

/** The preload that blocks the network, next to this module in src/ and in dist/. */
export const SANDBOX_PRELOAD_PATH = fileURLToPath(new URL("./sandbox-preload.mjs", import.meta.url));

/** Options of {@link runInSandbox}. */
export interface SandboxOptions {
  /** The Node script to run (absolute path). */
  readonly script: string;
  readonly args?: readonly string[];
  /** Hard timeout: the process group is SIGKILLed; default 30 000 ms. */
  readonly timeoutMs?: number;
  /** Extra environment; SEC0_* and secret-looking names are dropped. */
  readonly env?: Record<string, string>;
  /** Let the script spawn processes and workers (Node's permission model forbids it by default). */
  readonly allowChildProcess?: boolean;
}

/** How a sandboxed process ended. */
export interface SandboxResult {
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly timedOut: boolean;
  /** The last 1 MiB of each stream. */
  readonly stdout: string;
  readonly stderr: string;
  readonly durationMs: number;
}

/** A running sandboxed process. */
export interface SandboxProcess {
  /** Its own temp directory: cwd, HOME, TMPDIR, and the only place it may write. */
  readonly dir: string;
  /** The child (stdin/stdout/stderr are pipes: an MCP stdio server can be driven through them). */
  readonly child: ChildProcess;
  /** Settles when the process has exited. */
  readonly result: Promise<SandboxResult>;
  /** SIGKILLs the process group. */
  kill(): void;
  /** Kills it, waits for the exit, removes the temp directory. */
  dispose(): Promise<void>;
}

const MAX_STREAM = 1024 * 1024;

/**
 * Runs a Node script (a tool server) in a child process: its own temp dir as cwd and HOME, a
 * minimal environment, Node's permission model (writes only inside the temp dir; no child
 * processes or workers unless allowed), the network preload (loopback only), and a hard timeout.
 */
export function runInSandbox(options: SandboxOptions): SandboxProcess {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), "sec0-sandbox-")));
  const permission = process.allowedNodeEnvironmentFlags.has("--permission")
    ? "--permission"
    : "--experimental-permission";
  const flags = [
    permission,
    "--allow-fs-read=*",
    `--allow-fs-write=${dir}`,
    "--disable-warning=ExperimentalWarning",
  ];
  if (options.allowChildProcess === true) flags.push("--allow-child-process", "--allow-worker");
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [...flags, "--import", SANDBOX_PRELOAD_PATH, options.script, ...(options.args ?? [])],
    {
      cwd: dir,
      env: sandboxEnv(dir, options.env),
      stdio: ["pipe", "pipe", "pipe"],
      detached: true,
    },
  );
  const kill = () => killGroup(child);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    kill();
  }, options.timeoutMs ?? 30_000);
  const stdout = collect(child.stdout);
  const stderr = collect(child.stderr);
  const result = new Promise<SandboxResult>((resolve) => {
    child.on("close", (exitCode, signal) => {
      clearTimeout(timer);
      const durationMs = Math.round(performance.now() - started);
      resolve({ exitCode, signal, timedOut, stdout: stdout(), stderr: stderr(), durationMs });
    });
  });
  const dispose = async () => {
    kill();
    await result;
    rmSync(dir, { recursive: true, force: true });
  };
  return { dir, child, result, kill, dispose };
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    child.kill("SIGKILL");
  }
}

function collect(stream: NodeJS.ReadableStream | null): () => string {
  let text = "";
  stream?.setEncoding("utf8");
  stream?.on("data", (chunk: string) => {
    text = (text + chunk).slice(-MAX_STREAM);
  });
  return () => text;
}
