import { appendFile } from "node:fs/promises";
import { join } from "node:path";
import { type Clock, canonicalize } from "@sec0/core";
import { createSeededKeyPair } from "@sec0/testkit";
import { afterEach, describe, expect, it, vi } from "vitest";
import { envelope, readLines, readRecords, tempDir } from "./__fixtures__/helpers.js";
import { Sec0Appender } from "./appender.js";
import { resolveConfig } from "./config.js";
import { CHECKPOINT_TYPE, chainLine, hashLine, REPAIR_TYPE, UNATTESTED_REASON } from "./record.js";
import { verifyAuditFile, verifyAuditText } from "./verifier.js";
import { verifyAuditDir } from "./verify-dir.js";

const keys = createSeededKeyPair("audit-checkpoint-signing");
const day1 = (dir: string) => join(dir, "audit-2026-01-01.ndjson");
const text = (rows: readonly string[]) => rows.map((line) => `${line}\n`).join("");
const check = (rows: readonly string[]) =>
  verifyAuditText("t.ndjson", text(rows), { publicKey: keys.publicKey });

async function writeLog(count: number, config: Record<string, unknown> = {}): Promise<string[]> {
  const dir = await tempDir();
  const appender = new Sec0Appender({
    config: { dir, signing: "checkpoint", checkpointEvery: 4, ...config },
    signer: keys.signer,
  });
  for (let i = 0; i < count; i += 1) await appender.append(envelope(i));
  await appender.close();
  return readLines(day1(dir));
}

/** An unsigned line chained after `previous`, as the appender writes it. */
function unsignedAfter(previous: string, fields: Record<string, unknown>): string {
  const { seq } = JSON.parse(previous) as { seq: number };
  return canonicalize({ ...fields, key_id: keys.keyId, seq: seq + 1, prev_hash: hashLine(previous) });
}

afterEach(() => {
  vi.useRealTimers();
});

describe('signing: "checkpoint"', () => {
  it("writes unsigned canonical record lines and signed checkpoints, and verifies valid after close", async () => {
    const lines = await writeLog(10);
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    // 10 records, checkpoints after 4, 8 and at close.
    expect(records.map((r) => r.type === CHECKPOINT_TYPE)).toEqual([
      ...[false, false, false, false, true],
      ...[false, false, false, false, true],
      ...[false, false, true],
    ]);
    for (const [index, record] of records.entries()) {
      if (record.type === CHECKPOINT_TYPE) expect(record.sig).toMatch(/^ed25519:/);
      else {
        expect(record.sig).toBeUndefined();
        expect(record).toMatchObject({ key_id: keys.keyId, seq: index + 1 });
        expect(lines[index]).toBe(canonicalize(record));
      }
    }
    expect(check(lines)).toMatchObject({
      status: "valid",
      signing: "checkpoint",
      records: 10,
      unsignedLines: 10,
      unattestedLines: 0,
      checkpoints: 3,
    });
  });

  it("never says valid without a key", async () => {
    const lines = await writeLog(3);
    expect(verifyAuditText("t.ndjson", text(lines), {})).toMatchObject({
      status: "unchecked",
      signing: "checkpoint",
    });
  });

  it("fails a forged unsigned line inserted before a checkpoint", async () => {
    const lines = await writeLog(3);
    const forged = unsignedAfter(lines[0] as string, envelope(99));
    const report = check([lines[0] as string, forged, ...lines.slice(1)]);
    expect(report.status).toBe("invalid");
    expect(["chain_broken", "checkpoint_mismatch", "seq_gap"]).toContain(report.problem?.code);
    // Even re-chaining every later unsigned line is caught by the signed checkpoint's tree head.
    const rechained = [lines[0] as string, forged];
    for (const line of lines.slice(1, 3)) {
      const { key_id: _k, seq: _s, prev_hash: _p, ...fields } = JSON.parse(line) as Record<string, unknown>;
      rechained.push(unsignedAfter(rechained.at(-1) as string, fields));
    }
    expect(check([...rechained, lines[3] as string]).problem).toMatchObject({
      line: 5,
      code: "chain_broken",
    });
  });

  it("fails a modified unsigned line", async () => {
    const lines = await writeLog(3);
    const edited = [...lines];
    edited[1] = (edited[1] as string).replace('"decision":"allow"', '"decision":"deny"');
    expect(check(edited).problem).toMatchObject({ line: 3, code: "chain_broken" });
    const last = [...lines];
    last[2] = (last[2] as string).replace('"decision":"allow"', '"decision":"deny"');
    expect(check(last).problem).toMatchObject({ line: 4, code: "chain_broken" });
    const spaced = [...lines];
    spaced[1] = (spaced[1] as string).replace('{"', '{ "');
    expect(check(spaced).problem).toMatchObject({ line: 2, code: "not_canonical" });
  });

  it("reports unsigned lines after the last checkpoint as unsigned_tail", async () => {
    const lines = await writeLog(3);
    const tail = [...lines, unsignedAfter(lines.at(-1) as string, envelope(7))];
    tail.push(unsignedAfter(tail.at(-1) as string, envelope(8)));
    const report = check(tail);
    expect(report.status).toBe("invalid");
    expect(report.problem).toMatchObject({ line: 5, code: "unsigned_tail" });
    expect(report.problem?.message).toMatch(/2 unsigned lines from seq 5 are not yet covered/);
    expect(report.problem?.message).toMatch(/closing the appender/);
  });

  it("refuses an unsigned checkpoint or repair, and an unsigned line without chain fields", async () => {
    const lines = await writeLog(2);
    const fake = unsignedAfter(lines[1] as string, {
      type: CHECKPOINT_TYPE,
      tree_size: 2,
      root_hash: "0".repeat(64),
    });
    expect(check([...lines.slice(0, 2), fake]).problem).toMatchObject({ line: 3, code: "signature_invalid" });
    const legacy = JSON.stringify(envelope(1));
    expect(check([legacy]).problem).toMatchObject({ line: 1, code: "signature_invalid" });
  });

  it("refuses an unsigned line written for another key", async () => {
    const lines = await writeLog(1);
    const { seq: _s, ...rest } = JSON.parse(lines[0] as string) as Record<string, unknown>;
    const other = canonicalize({ ...rest, seq: 1, key_id: `ed25519:${"ab".repeat(32)}` });
    expect(check([other, ...lines.slice(1)]).problem).toMatchObject({ line: 1, code: "key_mismatch" });
  });

  it("verifies a mixed file: per_record, then checkpoint after a restart, then per_record", async () => {
    const dir = await tempDir();
    for (const signing of ["per_record", "checkpoint", "per_record"] as const) {
      const appender = new Sec0Appender({ config: { dir, signing }, signer: keys.signer });
      for (let i = 0; i < 3; i += 1) await appender.append(envelope(i));
      await appender.close();
    }
    const report = await verifyAuditFile(day1(dir), { publicKey: keys.publicKey });
    expect(report).toMatchObject({ status: "valid", signing: "mixed", records: 9, unsignedLines: 3 });
    expect((await verifyAuditDir(dir, { publicKey: keys.publicKey })).status).toBe("valid");
  });

  it("per_record files report signing per_record and no unsigned lines", async () => {
    const lines = await writeLog(3, { signing: "per_record" });
    expect(check(lines)).toMatchObject({ status: "valid", signing: "per_record", unsignedLines: 0 });
  });

  it("writes a checkpoint on the timer (default 1000 ms in checkpoint mode)", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    const dir = await tempDir();
    const appender = new Sec0Appender({ config: { dir, signing: "checkpoint" }, signer: keys.signer });
    await appender.append(envelope(1));
    await appender.flush();
    expect(await readRecords(day1(dir))).toHaveLength(1);
    vi.advanceTimersByTime(999);
    await appender.flush();
    expect(await readRecords(day1(dir))).toHaveLength(1);
    vi.advanceTimersByTime(1);
    await appender.flush();
    expect((await readRecords(day1(dir)))[1]).toMatchObject({ type: CHECKPOINT_TYPE, tree_size: 1 });
    await appender.close();
  });

  it("checkpoints a busy log once the interval has passed on the injected clock", async () => {
    let now = Date.parse("2026-01-01T12:00:00.000Z");
    const clock: Clock = { now: () => now };
    const dir = await tempDir();
    const appender = new Sec0Appender({
      config: { dir, signing: "checkpoint", checkpointIntervalMs: 500 },
      signer: keys.signer,
      clock,
    });
    await appender.append(envelope(1));
    now += 499;
    await appender.append(envelope(2));
    expect(await readLines(day1(dir))).toHaveLength(2);
    now += 1;
    await appender.append(envelope(3));
    expect((await readRecords(day1(dir)))[3]).toMatchObject({ type: CHECKPOINT_TYPE, tree_size: 3 });
    await appender.close();
  });

  it("validates the signing mode and applies checkpoint-mode defaults", () => {
    expect(
      () => new Sec0Appender({ config: { dir: "x", signing: "lazy" as never }, signer: keys.signer }),
    ).toThrowError(expect.objectContaining({ code: "AUDIT_CONFIG_INVALID", details: { field: "signing" } }));
    expect(resolveConfig({ dir: "x" })).toMatchObject({
      signing: "per_record",
      checkpointIntervalMs: 60_000,
    });
    expect(resolveConfig({ dir: "x", signing: "checkpoint" })).toMatchObject({
      checkpointEvery: 1000,
      checkpointIntervalMs: 1000,
    });
    expect(
      resolveConfig({ dir: "x", signing: "checkpoint", checkpointIntervalMs: 5 }).checkpointIntervalMs,
    ).toBe(5);
  });
});

describe("restart after unsigned lines no checkpoint covers", () => {
  it("names them in a signed repair record and a checkpoint, and reports them as unattested", async () => {
    const dir = await tempDir();
    const first = new Sec0Appender({ config: { dir, signing: "checkpoint" }, signer: keys.signer });
    await first.append(envelope(1));
    await first.close();
    // A crash leaves unsigned lines after the last checkpoint (or someone appended them).
    const lines = await readLines(day1(dir));
    const a = unsignedAfter(lines.at(-1) as string, envelope(2));
    const b = unsignedAfter(a, envelope(3));
    await appendFile(day1(dir), text([a, b]));
    expect((await verifyAuditFile(day1(dir), { publicKey: keys.publicKey })).problem?.code).toBe(
      "unsigned_tail",
    );

    const second = new Sec0Appender({ config: { dir, signing: "checkpoint" }, signer: keys.signer });
    await second.append(envelope(4));
    await second.close();
    const records = await readRecords(day1(dir));
    expect(records[4]).toMatchObject({
      type: REPAIR_TYPE,
      reason: UNATTESTED_REASON,
      unattested_from_seq: 3,
      unattested_lines: 2,
    });
    expect(records[5]).toMatchObject({ type: CHECKPOINT_TYPE, tree_size: 5 });
    const report = await verifyAuditFile(day1(dir), { publicKey: keys.publicKey });
    expect(report).toMatchObject({ status: "unattested", unattestedLines: 2, unsignedLines: 2, repairs: 1 });
    expect(report.problem).toBeUndefined();
    const dirReport = await verifyAuditDir(dir, { publicKey: keys.publicKey });
    expect(dirReport.status).toBe("unattested");
  });

  it("fails a repair record that names other lines than the uncovered ones", async () => {
    const lines = await writeLog(1);
    const u = unsignedAfter(lines.at(-1) as string, envelope(2));
    const { seq } = JSON.parse(u) as { seq: number };
    const repair = (count: number) =>
      chainLine(
        {
          type: REPAIR_TYPE,
          ts: "2026-01-01T12:00:00.000Z",
          reason: UNATTESTED_REASON,
          unattested_from_seq: seq,
          unattested_lines: count,
        },
        keys.signer,
        { seq, prevHash: hashLine(u) },
      ).line;
    expect(check([...lines, u, repair(1)])).toMatchObject({ status: "unattested", unattestedLines: 1 });
    expect(check([...lines, u, repair(2)]).problem).toMatchObject({ line: 4, code: "checkpoint_mismatch" });
  });
});
