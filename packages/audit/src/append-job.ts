/** A queued append or checkpoint, settled once its line is as durable as the mode promises. */
export type AppendJob =
  | {
      kind: "record";
      envelope: Readonly<Record<string, unknown>>;
      /** The caller waits for this record: sync it without the group-commit delay. */
      urgent?: boolean;
      resolve(): void;
      reject(error: unknown): void;
    }
  | { kind: "checkpoint"; resolve(): void; reject(error: unknown): void };

/** A signed line (with its newline) to write, the job it settles, or both. */
export interface StagedLine {
  readonly bytes: Buffer | undefined;
  readonly job?: AppendJob;
}

/** Rejects the job of every line with `error`. */
export function rejectAll(lines: readonly StagedLine[], error: unknown): void {
  for (const line of lines) line.job?.reject(error);
}
