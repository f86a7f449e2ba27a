// Runs documented code the way a user does: as a file in a directory of its own, in a child
// process that resolves packages from tests/docs/node_modules (the built packages, never src/).
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** tests/docs: scratch directories live under it so node finds sec0-sdk in its node_modules. */
export const DOCS_DIR = join(dirname(fileURLToPath(import.meta.url)), "..");
export const REPO_DIR = join(DOCS_DIR, "..", "..");
export const CLI_BIN = join(REPO_DIR, "packages/cli/dist/bin.js");
const SCRATCH_ROOT = join(DOCS_DIR, ".tmp");

/** Why the docs tests cannot run, or undefined when the built packages are there. */
export function missingBuildReason(): string | undefined {
  const needed = ["packages/sdk/dist/index.js", "packages/cli/dist/bin.js"];
  const missing = needed.filter((path) => !existsSync(join(REPO_DIR, path)));
  if (missing.length === 0) return undefined;
  return `${missing.join(", ")} missing; run \`pnpm build\` first (pnpm test does)`;
}

/** A fresh directory under tests/docs/.tmp; remove it with {@link removeScratchDir}. */
export function createScratchDir(prefix: string): string {
  mkdirSync(SCRATCH_ROOT, { recursive: true });
  return mkdtempSync(join(SCRATCH_ROOT, `${prefix}-`));
}

export function removeScratchDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  if (existsSync(SCRATCH_ROOT) && readdirSync(SCRATCH_ROOT).length === 0)
    rmSync(SCRATCH_ROOT, { recursive: true });
}

/**
 * What the docs tell users to run first: `openssl rand -base64 32 > .sec0/keys/ed25519.key`
 * (the same bytes as node:crypto's randomBytes(32) in base64, without needing openssl).
 */
export function writeSigningKey(dir: string, path = ".sec0/keys/ed25519.key"): void {
  mkdirSync(join(dir, dirname(path)), { recursive: true });
  writeFileSync(join(dir, path), `${randomBytes(32).toString("base64")}\n`, { mode: 0o600 });
}

/** The outcome of a child process. */
export interface ProcessResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
}

const running = new Set<ChildProcess>();

/** The environment documented code runs in: the user's, minus settings that would change results. */
export function childEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || key === "NODE_OPTIONS" || key.startsWith("OTEL_") || key.startsWith("SEC0_"))
      continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

/** Runs `command args` in `cwd` with stdin closed, killing it after `timeoutMs`. Never rejects. */
export function runProcess(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: Record<string, string>; timeoutMs?: number },
): Promise<ProcessResult> {
  return new Promise((resolve) => {
    const child = spawn(command, [...args], {
      cwd: options.cwd,
      env: options.env ?? childEnv(),
      stdio: ["ignore", "pipe", "pipe"],
    });
    running.add(child);
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, options.timeoutMs ?? 30_000);
    const finish = (code: number | null, signal: NodeJS.Signals | null): void => {
      clearTimeout(timer);
      running.delete(child);
      resolve({ code, signal, stdout, stderr, timedOut });
    };
    child.on("error", (error) => {
      stderr += String(error);
      finish(null, null);
    });
    child.on("close", finish);
  });
}

/** Kills every child still running (for afterAll). */
export function killRunningChildren(): void {
  for (const child of running) child.kill("SIGKILL");
  running.clear();
}

/** A readable failure message for an assertion on a child's exit. */
export function describeRun(what: string, result: ProcessResult): string {
  const how = result.timedOut ? "timed out" : `exited ${result.code ?? result.signal}`;
  return `${what} ${how}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`;
}
