import { type AuditHead, parseAuditHead } from "./audit-head.js";
import { listDayFiles } from "./day-file.js";
import { forEachLine } from "./for-each-line.js";
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
    // Streamed in constant memory: only the latest checkpoint seen so far is kept.
    let count = 0;
    let found: { record: Record<string, unknown>; index: number } | undefined;
    await forEachLine(file.path, (bytes) => {
      if (bytes.includes(CHECKPOINT_TYPE)) {
        const record = parseObject(bytes.toString("utf8"));
        if (record?.type === CHECKPOINT_TYPE) found = { record, index: count };
      }
      count += 1;
      return true;
    });
    if (found !== undefined) {
      const after = linesAfter + count - found.index - 1;
      return {
        head: parseAuditHead(found.record),
        path: file.path,
        line: found.index + 1,
        linesAfter: after,
      };
    }
    linesAfter += count;
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
