// No records is no evidence, and a log whose oldest lines were cut is not a whole log: the
// hostile cases cut the head of the only day file, or delete the oldest day file outright.
import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { createFixedClock, createSeededKeyPair } from "@sec0/testkit";
import { describe, expect, it } from "vitest";
import { envelope, readLines, tempDir } from "./__fixtures__/helpers.js";
import { Sec0Appender } from "./appender.js";
import { parseAuditHead } from "./audit-head.js";
import { sweepRetention } from "./retention.js";
import { verifyAuditDir } from "./verify-dir.js";

const keys = createSeededKeyPair("verify-dir");
const DAY1 = "audit-2026-01-01.ndjson";
const DAY2 = "audit-2026-01-02.ndjson";
const text = (lines: string[]) => lines.map((line) => `${line}\n`).join("");

/** Day 1: 3 records + checkpoint, 2 records + checkpoint; day 2: 2 records + checkpoint. */
async function twoDays(): Promise<string> {
  const dir = await tempDir();
  for (const [ts, count] of [
    ["2026-01-01T10:00:00.000Z", 3],
    ["2026-01-01T11:00:00.000Z", 2],
    ["2026-01-02T10:00:00.000Z", 2],
  ] as const) {
    const appender = new Sec0Appender({ config: { dir }, signer: keys.signer });
    for (let i = 0; i < count; i += 1) await appender.append(envelope(i, ts));
    await appender.close();
  }
  return dir;
}

describe("verifyAuditDir: empty and not from genesis", () => {
  it("reports an empty directory (or only empty day files) as empty, not valid", async () => {
    const dir = await tempDir();
    const none = await verifyAuditDir(dir, { publicKey: keys.publicKey });
    expect(none).toMatchObject({ status: "empty", files: [] });
    await writeFile(join(dir, DAY1), "");
    expect((await verifyAuditDir(dir, { publicKey: keys.publicKey })).status).toBe("empty");
    expect((await verifyAuditDir(join(dir, "absent"))).status).toBe("empty");
  });

  it("reports a cut head of the only day file (up to a checkpoint) as not_from_genesis", async () => {
    const dir = await twoDays();
    await rm(join(dir, DAY2));
    const lines = await readLines(join(dir, DAY1));
    // records 1-3 and their checkpoint, and the closing checkpoint (an open day has none yet)
    await writeFile(join(dir, DAY1), text(lines.slice(4, 6)));
    const report = await verifyAuditDir(dir, { publicKey: keys.publicKey });
    expect(report).toMatchObject({ status: "not_from_genesis", problem: undefined });
    expect(report.start).toMatchObject({ kind: "cut", seq: 4 });
  });

  it("reports a deleted oldest day file as not_from_genesis", async () => {
    const dir = await twoDays();
    await rm(join(dir, DAY1));
    const report = await verifyAuditDir(dir, { publicKey: keys.publicKey });
    expect(report.status).toBe("not_from_genesis");
  });

  it("accepts a cut chain that continues a signed head given as `from`", async () => {
    const dir = await twoDays();
    await rm(join(dir, DAY2));
    const lines = await readLines(join(dir, DAY1));
    await writeFile(join(dir, DAY1), text(lines.slice(4, 6)));
    const from = parseAuditHead(lines[3]);
    const report = await verifyAuditDir(dir, { publicKey: keys.publicKey, from });
    expect(report).toMatchObject({ status: "valid", start: { kind: "from", seq: 4 } });
    const older = parseAuditHead(JSON.parse(lines[3] as string));
    const wrong = { ...older, tree_size: 2 };
    const forged = await verifyAuditDir(dir, { publicKey: keys.publicKey, from: wrong });
    expect(forged.problem).toMatchObject({ code: "known_head_signature_invalid" });
    const whole = await twoDays();
    const intact = await verifyAuditDir(whole, { publicKey: keys.publicKey, from });
    expect(intact).toMatchObject({ status: "valid", start: { kind: "genesis" } });
    const later = parseAuditHead(lines[6]);
    const gap = await verifyAuditDir(dir, { publicKey: keys.publicKey, from: later });
    expect(gap).toMatchObject({ status: "invalid", problem: { line: 1, code: "chain_broken" } });
  });

  it("accepts a chain that starts right after a day file retention removed, not a cut after it", async () => {
    const dir = await twoDays();
    const clock = createFixedClock(Date.UTC(2026, 0, 3, 8));
    const { removed } = await sweepRetention({ dir, retentionDays: 1, clock });
    expect(removed).toEqual([join(dir, DAY1)]);
    const saved = parseAuditHead(await readFile(join(dir, "retention-head.json"), "utf8"));
    expect(saved).toMatchObject({ date: "2026-01-01", seq: 7 });
    const report = await verifyAuditDir(dir, { publicKey: keys.publicKey });
    expect(report).toMatchObject({ status: "valid", start: { kind: "retention", seq: 7 } });
    const day2 = await readLines(join(dir, DAY2));
    await writeFile(join(dir, DAY2), text(day2.slice(1, 2))); // its checkpoint would show the cut
    const cut = await verifyAuditDir(dir, { publicKey: keys.publicKey });
    expect(cut.status).toBe("not_from_genesis");
  });

  it("does not take a head of the first kept day as a retention head", async () => {
    const dir = await twoDays();
    await rm(join(dir, DAY2));
    const lines = await readLines(join(dir, DAY1));
    await writeFile(join(dir, DAY1), text(lines.slice(4, 6)));
    await writeFile(join(dir, "retention-head.json"), lines[3] as string);
    const report = await verifyAuditDir(dir, { publicKey: keys.publicKey });
    expect(report.status).toBe("not_from_genesis");
  });
});
