import { execFile } from "node:child_process";

/** Output cap of a scanner process: stdout beyond it kills the process. */
export const MAX_OUTPUT_BYTES = 32 * 1024 * 1024;

/** How a scanner process ended. */
export interface BinaryResult {
  readonly stdout: string;
  readonly stderr: string;
  /** Exit code; `null` when killed or never started. */
  readonly exitCode: number | null;
  readonly outcome: "exited" | "timeout" | "too_large" | "spawn_failed";
  readonly spawnError?: string;
}

/** Options of {@link runBinary}. */
export interface RunBinaryOptions {
  readonly timeoutMs: number;
  readonly env: Record<string, string | undefined>;
  readonly maxBytes?: number;
}

/**
 * Runs an already-resolved binary with `execFile` (never a shell): SIGKILL at the timeout or when
 * output passes the cap. Never rejects; the outcome says how it ended.
 */
export function runBinary(
  path: string,
  args: readonly string[],
  options: RunBinaryOptions,
): Promise<BinaryResult> {
  return new Promise((resolve) => {
    execFile(
      path,
      [...args],
      {
        shell: false,
        timeout: options.timeoutMs,
        killSignal: "SIGKILL",
        maxBuffer: options.maxBytes ?? MAX_OUTPUT_BYTES,
        env: options.env,
        windowsHide: true,
        encoding: "utf8",
      },
      (error, stdout, stderr) => {
        resolve({ stdout, stderr, ...outcomeOf(error) });
      },
    );
  });
}

function outcomeOf(
  error: (Error & { code?: unknown; killed?: boolean }) | null,
): Omit<BinaryResult, "stdout" | "stderr"> {
  if (error === null) return { exitCode: 0, outcome: "exited" };
  if (error.code === "ERR_CHILD_PROCESS_STDIO_MAXBUFFER") return { exitCode: null, outcome: "too_large" };
  if (typeof error.code === "number") return { exitCode: error.code, outcome: "exited" };
  if (error.killed === true) return { exitCode: null, outcome: "timeout" };
  return { exitCode: null, outcome: "spawn_failed", spawnError: error.message };
}
