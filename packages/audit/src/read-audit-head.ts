import { readFile } from "node:fs/promises";
import { type AuditHead, parseAuditHead } from "./audit-head.js";
import { listDayFiles } from "./day-file.js";
import { CHECKPOINT_TYPE } from "./record.js";

/** Where {@link readAuditHead} found the head. */
export interface AuditHeadReading {
  readonly head: AuditHead;
  /** The day file that holds it. */
  readonly path: string;
  /** Its 1-based line in that file. */
  readonly line: number;
  /** Complete lines written after it (in its file and later ones): not covered by it yet. */
  readonly linesAfter: number;
}

/**
 * The latest signed checkpoint of the log in `dir`: the head to keep elsewhere (a file, a ticket,
 * the control plane) and later hand to {@link verifyAgainstHead}. It reads; it does not verify.
 * `undefined` when no day file holds a checkpoint yet (the appender writes one every
 * `checkpointEvery` lines, every `checkpointIntervalMs` with new lines, at rotation and at close).
 *
 * @throws {Sec0Error} `AUDIT_HEAD_INVALID` when the latest checkpoint record is malformed.
 * @example
 * const reading = await readAuditHead(".sec0");
 * if (reading) writeFileSync("head.json", JSON.stringify(reading.head));
 */
export async function readAuditHead(dir: string): Promise<AuditHeadReading | undefined> {
  let linesAfter = 0;
  for (const file of (await listDayFiles(dir)).reverse()) {
    const lines = completeLines(await readFile(file.path, "utf8"));
    for (let index = lines.length - 1; index >= 0; index -= 1) {
      const line = lines[index] as string;
      if (!line.includes(CHECKPOINT_TYPE)) continue;
      const record = parseObject(line);
      if (record?.type !== CHECKPOINT_TYPE) continue;
      const after = linesAfter + lines.length - index - 1;
      return { head: parseAuditHead(record), path: file.path, line: index + 1, linesAfter: after };
    }
    linesAfter += lines.length;
  }
  return undefined;
}

/** The lines of a day file that end with a newline (a torn last line is not part of the log). */
export function completeLines(text: string): string[] {
  const parts = text.split("\n");
  parts.pop();
  return parts;
}

function parseObject(line: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
