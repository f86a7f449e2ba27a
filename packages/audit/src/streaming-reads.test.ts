// `sec0 audit head`, `--known-head` and retention read day files line by line through a 1 MiB
// buffer (for-each-line), never the whole file: lines longer than that buffer must still be found.
import { appendFile, readFile } from "node:fs/promises";
import { join } from "node:path";
import { createFixedClock, createSeededKeyPair } from "@sec0/testkit";
import { describe, expect, it } from "vitest";
import { envelope, readLines, tempDir } from "./__fixtures__/helpers.js";
import { Sec0Appender } from "./appender.js";
import { readAuditHead } from "./read-audit-head.js";
import { sweepRetention } from "./retention.js";
import { RETENTION_HEAD_FILE } from "./retention-head.js";
import { verifyAgainstHead } from "./verify-against-head.js";

const keys = createSeededKeyPair("streaming-reads");
const DAY1 = "audit-2026-01-01.ndjson";
/** Longer than the 1 MiB read buffer, so every big line spans chunks. */
const BIG = "x".repeat(1_500_000);

/** Day 1: 2 big records, checkpoint (line 3), 2 big records, checkpoint (line 6). */
async function bigLog(): Promise<string> {
  const dir = await tempDir();
  for (const from of [0, 2]) {
    const appender = new Sec0Appender({ config: { dir }, signer: keys.signer });
    for (let i = from; i < from + 2; i += 1) await appender.append({ ...envelope(i), note: BIG });
    await appender.close();
  }
  return dir;
}

describe("streaming reads of day files with lines longer than the read buffer", () => {
  it("readAuditHead finds the last checkpoint and counts the lines after it", async () => {
    const dir = await bigLog();
    const path = join(dir, DAY1);
    const lines = await readLines(path);
    expect(lines).toHaveLength(6);
    expect(lines[0]?.length).toBeGreaterThan(1 << 20);
    const reading = await readAuditHead(dir);
    expect(reading).toMatchObject({ path, line: 6, linesAfter: 0, head: { seq: 6 } });
    expect(reading?.head).toEqual(JSON.parse(lines[5] as string));

    // A big line after it, and a torn big tail (not a line), are counted / ignored as before.
    await appendFile(path, `${JSON.stringify({ note: BIG })}\n${BIG}`);
    expect(await readAuditHead(dir)).toMatchObject({ line: 6, linesAfter: 1 });
  });

  it("verifyAgainstHead finds an earlier head among big lines, and a rewrite of it", async () => {
    const dir = await tempDir();
    const appender = new Sec0Appender({ config: { dir }, signer: keys.signer });
    for (let i = 0; i < 2; i += 1) await appender.append({ ...envelope(i), note: BIG });
    await appender.close();
    const head = (await readAuditHead(dir))?.head;
    if (head === undefined) throw new Error("no head");
    const again = new Sec0Appender({ config: { dir }, signer: keys.signer });
    for (let i = 2; i < 4; i += 1) await again.append({ ...envelope(i), note: BIG });
    await again.close();

    const report = await verifyAgainstHead(dir, head, { publicKey: keys.publicKey });
    expect(report).toMatchObject({ status: "valid", head: { line: 3 }, linesAfterHead: 3 });

    const rewritten = await verifyAgainstHead(dir, { ...head, root_hash: "0".repeat(64) });
    expect(rewritten.problem?.code).toBe("known_head_rewritten");
  });

  it("retention reads the class of every big line and saves the closing checkpoint", async () => {
    const dir = await bigLog();
    const path = join(dir, DAY1);
    const lines = await readLines(path);
    const clock = createFixedClock(Date.UTC(2026, 0, 10, 8));
    // Records of class "standard" (policy.retention) are kept 30 days: the file stays.
    const kept = await sweepRetention({ dir, retentionByClass: { standard: 30 }, retentionDays: 1, clock });
    expect(kept.removed).toEqual([]);
    // Kept 5 days: the file goes, and its closing checkpoint (the last big-file line) is saved.
    const gone = await sweepRetention({ dir, retentionByClass: { standard: 5 }, retentionDays: 100, clock });
    expect(gone.removed).toEqual([path]);
    const saved = JSON.parse(await readFile(join(dir, RETENTION_HEAD_FILE), "utf8")) as unknown;
    expect(saved).toEqual(JSON.parse(lines[5] as string));
  });
});
