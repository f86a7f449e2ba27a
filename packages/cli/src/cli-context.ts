/** What a command may touch: output streams, working directory and environment. Injected for tests. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Passed to every command's registration; `exitCode` is what `sec0` exits with. */
export interface CliContext {
  readonly io: CliIo;
  exitCode: number;
}

/** The real process streams, cwd and environment. */
export function createProcessIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
  };
}
