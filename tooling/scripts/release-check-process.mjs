// Child processes for the release check: each bounded by a timeout, each in a process group of
// its own so that a timeout (or an interrupted check) also stops what it started (npm's children).
import { spawn } from "node:child_process";

const running = new Set();

/**
 * Runs `command args` with stdin closed; resolves (never rejects) with its outcome.
 * @param {string} command
 * @param {readonly string[]} args
 * @param {{ cwd: string, env?: NodeJS.ProcessEnv, timeoutMs: number }} options
 */
export function run(command, args, { cwd, env = process.env, timeoutMs }) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, [...args], { cwd, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    running.add(child);
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout.setEncoding("utf8").on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => {
      timedOut = true;
      stopGroup(child);
    }, timeoutMs);
    const finish = (code, signal) => {
      clearTimeout(timer);
      running.delete(child);
      resolve({ code, signal, stdout, stderr, timedOut, ms: Date.now() - started });
    };
    child.on("error", (error) => {
      stderr += String(error);
      finish(null, null);
    });
    child.on("close", finish);
  });
}

function stopGroup(child) {
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    child.kill("SIGKILL");
  }
}

/** Stops every child (and its group) still running. */
export function stopAll() {
  for (const child of running) stopGroup(child);
  running.clear();
}

/** One line on why a process failed, with the end of its output. */
export function describeFailure(result, lines = 15) {
  const how = result.timedOut ? "timed out" : `exited ${result.code ?? result.signal}`;
  const tail = `${result.stdout}\n${result.stderr}`.trim().split("\n").slice(-lines);
  return [how, ...tail.map((line) => `      | ${line}`)].join("\n");
}

/**
 * The environment for npm and the snippets: ours, minus what `pnpm run` exports (npm_* settings
 * would point npm at the workspace) and minus settings that change what the code does.
 */
export function cleanEnv(extra = {}) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key.startsWith("npm_") || key === "NODE_OPTIONS" || key === "INIT_CWD") continue;
    if (key.startsWith("OTEL_") || key.startsWith("SEC0_")) continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}
