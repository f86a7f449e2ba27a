import type { CliIo } from "../cli-context.js";

/** A `CliIo` that records what a command printed, for assertions. */
export type CapturedIo = CliIo & { out: string; err: string };

/** Captures stdout and stderr; `cwd` and `env` are what the command sees. */
export function captureIo(cwd: string = process.cwd(), env: Record<string, string | undefined> = {}): CapturedIo {
  const io: CapturedIo = {
    out: "",
    err: "",
    cwd,
    env,
    stdout: (text) => {
      io.out += text;
    },
    stderr: (text) => {
      io.err += text;
    },
  };
  return io;
}
