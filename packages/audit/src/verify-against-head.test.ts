// A head kept outside the log (`sec0 audit head`) proves later that the log still holds everything
// up to it. The hostile cases: someone deletes the last lines or whole days, or rewrites lines.
import { cp, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { createFixedClock, createSeededKeyPair } from "@sec0/testkit";
import { describe, expect, it } from "vitest";
import { envelope, readLines, tempDir } from "./__fixtures__/helpers.js";
import { Sec0Appender } from "./appender.js";
import type { AuditHead } from "./audit-head.js";
import { readAuditHead } from "./read-audit-head.js";
import { signLine } from "./record.js";
import { sweepRetention } from "./retention.js";
import { verifyAgainstHead } from "./verify-against-head.js";

const keys = createSeededKeyPair("known-head");
const intruder = createSeededKeyPair("known-head-intruder");
const DAY1 = "audit-2026-01-01.ndjson";
const DAY2 = "audit-2026-01-02.ndjson";

async function append(dir: string, from: number, count: number, ts?: string): Promise<void> {
  const appender = new Sec0Appender({ config: { dir }, signer: keys.signer });
  for (let i = from; i < from + count; i += 1) await appender.append(envelope(i, ts));
  await appender.close();
}

async function headOf(dir: string): Promise<AuditHead> {
  const reading = await readAuditHead(dir);
  if (reading === undefined) throw new Error("no head");
  return reading.head;
}

/** A log of 3 records and a checkpoint (line 4), its head, then 2 more records and a checkpoint (line 7). */
async function extendedLog(): Promise<{ dir: string; head: AuditHead }> {
  const dir = await tempDir();
  await append(dir, 0, 3);
  const head = await headOf(dir);
  await append(dir, 3, 2);
  return { dir, head };
}

async function keepLines(path: string, count: number): Promise<void> {
  const lines = await readLines(path);
  await writeFile(
    path,
    lines
      .slice(0, count)
      .map((line) => `${line}\n`)
      .join(""),
  );
}

describe("verifyAgainstHead", () => {
  it("passes when the log still holds the head and extends it", async () => {
    const { dir, head } = await extendedLog();
    const report = await verifyAgainstHead(dir, head, { publicKey: keys.publicKey });
    expect(report).toMatchObject({
      status: "valid",
      problem: undefined,
      head: { path: join(dir, DAY1), line: 4, seq: 4 },
      linesAfterHead: 3,
    });
    expect(await verifyAgainstHead(dir, await headOf(dir), { publicKey: keys.publicKey })).toMatchObject({
      status: "valid",
      linesAfterHead: 0,
    });
  });

  it("passes across days, and after older days were removed by retention", async () => {
    const dir = await tempDir();
    await append(dir, 0, 2, "2026-01-01T10:00:00.000Z");
    await append(dir, 2, 2, "2026-01-02T10:00:00.000Z");
    const head = await headOf(dir);
    await append(dir, 4, 1, "2026-01-03T10:00:00.000Z");
    expect(await verifyAgainstHead(dir, head, { publicKey: keys.publicKey })).toMatchObject({
      status: "valid",
      linesAfterHead: 2,
    });
    const clock = createFixedClock(Date.UTC(2026, 0, 4, 8));
    expect((await sweepRetention({ dir, retentionDays: 2, clock })).removed).toEqual([join(dir, DAY1)]);
    expect(await verifyAgainstHead(dir, head, { publicKey: keys.publicKey })).toMatchObject({
      status: "valid",
      start: { kind: "retention" },
    });
    await rm(join(dir, "retention-head.json")); // a bare deletion leaves nothing to vouch for it
    expect((await verifyAgainstHead(dir, head, { publicKey: keys.publicKey })).status).toBe(
      "not_from_genesis",
    );
  });

  it("fails with known_head_truncated when the last lines were deleted, the head's included", async () => {
    for (const keep of [6, 5, 4, 0]) {
      const { dir } = await extendedLog();
      const head = await headOf(dir); // line 7
      await keepLines(join(dir, DAY1), keep);
      const report = await verifyAgainstHead(dir, head, { publicKey: keys.publicKey });
      expect(report.status).toBe("invalid");
      expect(report.problem).toMatchObject({ code: "known_head_truncated", path: join(dir, DAY1), line: 7 });
      expect(report.problem?.message).toContain(`${keep} lines`);
    }
  });

  it("fails with known_head_truncated when whole newest days were deleted", async () => {
    const dir = await tempDir();
    await append(dir, 0, 2, "2026-01-01T10:00:00.000Z");
    await append(dir, 2, 2, "2026-01-02T10:00:00.000Z");
    const head = await headOf(dir);
    await rm(join(dir, DAY2));
    const report = await verifyAgainstHead(dir, head, { publicKey: keys.publicKey });
    expect(report.problem).toMatchObject({ code: "known_head_truncated", path: join(dir, DAY2) });
    expect(report.problem?.message).toContain(DAY2);
  });

  it("fails when a line up to the head was edited", async () => {
    const { dir, head } = await extendedLog();
    const path = join(dir, DAY1);
    await writeFile(path, (await readFile(path, "utf8")).replace('"latency_ms":1', '"latency_ms":7'));
    expect(await verifyAgainstHead(dir, head, { publicKey: keys.publicKey })).toMatchObject({
      status: "invalid",
      problem: { code: "signature_invalid", line: 2 },
    });
    // Without a key the chain still gives it away.
    expect((await verifyAgainstHead(dir, head, {})).problem).toMatchObject({ code: "chain_broken", line: 3 });
  });

  it("fails with known_head_rewritten when the history was rewritten, even with the right key", async () => {
    const { dir, head } = await extendedLog();
    // The attacker holds the key: cut back to before the head and write different records.
    const forged = await tempDir();
    await cp(join(dir, DAY1), join(forged, DAY1));
    await keepLines(join(forged, DAY1), 2);
    await append(forged, 50, 3);
    const report = await verifyAgainstHead(forged, head, { publicKey: keys.publicKey });
    expect(report.status).toBe("invalid");
    expect(report.problem).toMatchObject({ code: "known_head_rewritten", path: join(forged, DAY1), line: 4 });
  });

  it("fails with known_head_signature_invalid for a head the key did not sign", async () => {
    const { dir, head } = await extendedLog();
    const edited = { ...head, root_hash: "ab".repeat(32) };
    const { sig: _sig, ...body } = head;
    const foreign = JSON.parse(signLine({ ...body, key_id: intruder.keyId }, intruder.signer)) as AuditHead;
    for (const bad of [edited, foreign]) {
      const report = await verifyAgainstHead(dir, bad, { publicKey: keys.publicKey });
      expect(report.problem).toMatchObject({ code: "known_head_signature_invalid", line: 4 });
    }
  });

  it("fails with known_head_missing when the head's day is gone but later days remain", async () => {
    const dir = await tempDir();
    await append(dir, 0, 2, "2026-01-01T10:00:00.000Z");
    const head = await headOf(dir);
    await append(dir, 2, 2, "2026-01-02T10:00:00.000Z");
    await rm(join(dir, DAY1));
    const report = await verifyAgainstHead(dir, head, { publicKey: keys.publicKey });
    expect(report.problem).toMatchObject({ code: "known_head_missing", path: join(dir, DAY1) });
    expect(report.problem?.message).toContain("sec0 audit head");
  });

  it("without a key is at best unchecked, and still catches a cut", async () => {
    const { dir, head } = await extendedLog();
    expect(await verifyAgainstHead(dir, head)).toMatchObject({ status: "unchecked", linesAfterHead: 3 });
    await keepLines(join(dir, DAY1), 3);
    expect((await verifyAgainstHead(dir, head)).problem).toMatchObject({ code: "known_head_truncated" });
  });
});
