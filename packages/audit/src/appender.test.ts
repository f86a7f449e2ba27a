import type { Stats } from "node:fs";
import { appendFile, open, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { canonicalize } from "@sec0/core";
import { createFixedClock, createSeededKeyPair } from "@sec0/testkit";
import nacl from "tweetnacl";
import { describe, expect, it, vi } from "vitest";
import { envelope, readLines, readRecords, tempDir } from "./__fixtures__/helpers.js";
import { Sec0Appender } from "./appender.js";
import { hashLeaf, inclusionProof, verifyInclusion } from "./merkle.js";
import { CHECKPOINT_TYPE, GENESIS_PREV_HASH, hashLine, REPAIR_TYPE } from "./record.js";
import { verifyAuditFile } from "./verifier.js";
import { verifyAuditDir } from "./verify-dir.js";

const keys = createSeededKeyPair("audit-appender");
const day1 = (dir: string) => join(dir, "audit-2026-01-01.ndjson");
const day2 = (dir: string) => join(dir, "audit-2026-01-02.ndjson");

describe("Sec0Appender", () => {
  it("writes signed, chained lines that the 0.2.3 recipe verifies", async () => {
    const dir = await tempDir();
    const appender = new Sec0Appender({ config: { dir }, signer: keys.signer });
    await appender.append(envelope(1));
    await appender.append(envelope(2));
    await appender.flush();
    const lines = await readLines(day1(dir));
    expect(lines).toHaveLength(2);
    const [first, second] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(first).toMatchObject({
      key_id: keys.keyId,
      seq: 1,
      prev_hash: GENESIS_PREV_HASH,
      tool: "read_file@1.0",
    });
    expect(second).toMatchObject({ seq: 2, prev_hash: hashLine(lines[0] as string) });
    for (const record of [first, second]) {
      const { sig, ...body } = record as { sig: string };
      const ok = nacl.sign.detached.verify(
        new TextEncoder().encode(canonicalize(body)),
        Buffer.from(sig.replace("ed25519:", ""), "base64"),
        keys.publicKey,
      );
      expect(ok).toBe(true);
    }
    await appender.close();
    expect((await verifyAuditFile(day1(dir), { publicKey: keys.publicKey })).status).toBe("valid");
  });

  it("stamps ts from the injected clock when the envelope has none and files by its UTC date", async () => {
    const dir = await tempDir();
    const clock = createFixedClock(Date.UTC(2026, 0, 2, 23, 59, 59));
    const appender = new Sec0Appender({ config: { dir }, signer: keys.signer, clock });
    const { ts: _ts, ...noTs } = envelope(1);
    await appender.append(noTs);
    await appender.append({ ...envelope(2), ts: "2026-01-02T20:30:00-05:00" }); // 01:30 UTC on the 3rd
    await appender.close();
    expect((await readRecords(day2(dir)))[0]).toMatchObject({ ts: "2026-01-02T23:59:59.000Z" });
    expect((await readRecords(join(dir, "audit-2026-01-03.ndjson")))[0]).toMatchObject({ latency_ms: 2 });
  });

  it("serialises concurrent appends in call order with one seq each", async () => {
    const dir = await tempDir();
    const appender = new Sec0Appender({ config: { dir, checkpointEvery: 0 }, signer: keys.signer });
    await Promise.all(Array.from({ length: 500 }, (_, i) => appender.append(envelope(i))));
    const records = await readRecords(day1(dir));
    expect(records.map((r) => r.seq)).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
    expect(records.map((r) => r.latency_ms)).toEqual(Array.from({ length: 500 }, (_, i) => i));
    await appender.close();
    expect((await verifyAuditFile(day1(dir), { publicKey: keys.publicKey })).status).toBe("valid");
  });

  it("rotates at midnight without dropping or reordering a record and chains across days", async () => {
    const dir = await tempDir();
    const appender = new Sec0Appender({ config: { dir, checkpointEvery: 0 }, signer: keys.signer });
    const before = Array.from({ length: 200 }, (_, i) => envelope(i, "2026-01-01T23:59:59.999Z"));
    const after = Array.from({ length: 200 }, (_, i) => envelope(200 + i, "2026-01-02T00:00:00.000Z"));
    await Promise.all([...before, ...after].map((e) => appender.append(e)));
    await appender.close();
    const first = await readRecords(day1(dir));
    const second = await readRecords(day2(dir));
    expect(first.filter((r) => r.type === undefined).map((r) => r.latency_ms)).toEqual(
      before.map((e) => e.latency_ms),
    );
    expect(first.at(-1)?.type).toBe(CHECKPOINT_TYPE); // the day was sealed
    expect(second.filter((r) => r.type === undefined).map((r) => r.latency_ms)).toEqual(
      after.map((e) => e.latency_ms),
    );
    expect(second[0]?.prev_hash).toBe(hashLine((await readLines(day1(dir))).at(-1) as string));
    const report = await verifyAuditDir(dir, { publicKey: keys.publicKey });
    expect(report).toMatchObject({ status: "valid", startsMidChain: false });
    expect(report.files).toHaveLength(2);
  });

  it("writes a late record (ts before the open day) into the open day, keeping the chain forward", async () => {
    const dir = await tempDir();
    const appender = new Sec0Appender({ config: { dir }, signer: keys.signer });
    await appender.append(envelope(1, "2026-01-02T00:00:01.000Z"));
    await appender.append(envelope(2, "2026-01-01T23:59:59.000Z"));
    await appender.close();
    expect((await readRecords(day2(dir))).map((r) => r.latency_ms)).toContain(2);
    expect((await verifyAuditDir(dir, { publicKey: keys.publicKey })).status).toBe("valid");
  });

  it("continues the chain after a restart", async () => {
    const dir = await tempDir();
    const first = new Sec0Appender({ config: { dir }, signer: keys.signer });
    await first.append(envelope(1));
    await first.close();
    const second = new Sec0Appender({ config: { dir }, signer: keys.signer });
    await second.append(envelope(2));
    await second.close();
    const records = await readRecords(day1(dir));
    expect(records.map((r) => r.seq)).toEqual([1, 2, 3, 4]); // record, seal checkpoint, record, seal
    expect((await verifyAuditFile(day1(dir), { publicKey: keys.publicKey })).status).toBe("valid");
  });

  it("cuts a torn last line on restart and records the repair, keeping every complete record", async () => {
    const dir = await tempDir();
    const first = new Sec0Appender({ config: { dir }, signer: keys.signer });
    await Promise.all([1, 2, 3].map((i) => first.append(envelope(i))));
    await first.flush();
    const complete = await readFile(day1(dir), "utf8");
    await appendFile(day1(dir), '{"ts":"2026-01-01T12:00:00.000Z","tool":"half-writ');
    expect((await verifyAuditFile(day1(dir), { publicKey: keys.publicKey })).problem?.code).toBe("truncated");
    const second = new Sec0Appender({ config: { dir }, signer: keys.signer });
    await second.append(envelope(4));
    await second.close();
    const text = await readFile(day1(dir), "utf8");
    expect(text.startsWith(complete)).toBe(true);
    const records = await readRecords(day1(dir));
    expect(records[3]).toMatchObject({ type: REPAIR_TYPE, reason: "torn_tail", removed_bytes: 50 });
    expect(records.filter((r) => r.type === undefined)).toHaveLength(4);
    const report = await verifyAuditFile(day1(dir), { publicKey: keys.publicKey });
    expect(report).toMatchObject({ status: "valid", repairs: 1, records: 4 });
  });

  it("writes signed checkpoints every N lines whose root proves each line's inclusion", async () => {
    const dir = await tempDir();
    const appender = new Sec0Appender({ config: { dir, checkpointEvery: 10 }, signer: keys.signer });
    for (let i = 0; i < 25; i += 1) await appender.append(envelope(i));
    await appender.close();
    const lines = await readLines(day1(dir));
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const checkpoints = records.filter((r) => r.type === CHECKPOINT_TYPE);
    expect(checkpoints.map((c) => c.tree_size)).toEqual([10, 21, 27]);
    const head = checkpoints[1] as { tree_size: number; root_hash: string };
    const leaves = lines.slice(0, head.tree_size).map((line) => hashLeaf(line));
    const root = Buffer.from(head.root_hash, "hex");
    for (const index of [0, 9, 10, 20]) {
      const proof = inclusionProof(leaves, index);
      const leafHash = leaves[index] as Uint8Array;
      expect(verifyInclusion({ leafIndex: index, treeSize: head.tree_size, leafHash, proof, root })).toBe(
        true,
      );
    }
    expect(await verifyAuditFile(day1(dir), { publicKey: keys.publicKey })).toMatchObject({
      status: "valid",
      checkpoints: 3,
      linesAfterLastCheckpoint: 0,
    });
  });

  it("writes a timed checkpoint when lines wait longer than checkpointIntervalMs", async () => {
    const dir = await tempDir();
    const appender = new Sec0Appender({ config: { dir, checkpointIntervalMs: 20 }, signer: keys.signer });
    await appender.append(envelope(1));
    for (let i = 0; i < 50 && !(await readFile(day1(dir), "utf8")).includes(CHECKPOINT_TYPE); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect((await readRecords(day1(dir)))[1]).toMatchObject({ type: CHECKPOINT_TYPE, tree_size: 1 });
    await appender.close();
  });

  for (const durability of ["none", "batch", "sync"] as const) {
    it(`produces a valid log in durability mode ${durability}`, async () => {
      const dir = await tempDir();
      const appender = new Sec0Appender({
        config: { dir, durability, checkpointEvery: 7 },
        signer: keys.signer,
      });
      await Promise.all(Array.from({ length: 40 }, (_, i) => appender.append(envelope(i))));
      await appender.close();
      expect(await verifyAuditFile(day1(dir), { publicKey: keys.publicKey })).toMatchObject({
        status: "valid",
        records: 40,
      });
    });
  }

  it("in batch mode resolves each append only after a datasync that covers its line", async () => {
    const dir = await tempDir();
    const probe = await open(join(dir, "probe"), "w");
    const proto = Object.getPrototypeOf(probe) as { datasync(): Promise<void>; stat(): Promise<Stats> };
    await probe.close();
    const original = proto.datasync;
    let syncedBytes = 0;
    const spy = vi.spyOn(proto, "datasync").mockImplementation(async function (this: typeof proto) {
      const { size } = await this.stat();
      await original.call(this);
      syncedBytes = Math.max(syncedBytes, size);
    });
    try {
      const appender = new Sec0Appender({
        config: { dir, durability: "batch", checkpointEvery: 50 },
        signer: keys.signer,
      });
      const syncedAtResolve: number[] = [];
      await Promise.all(
        Array.from({ length: 300 }, (_, i) =>
          appender.append(envelope(i)).then(() => {
            syncedAtResolve[i] = syncedBytes;
          }),
        ),
      );
      await appender.close();
      const text = await readFile(day1(dir), "utf8");
      let end = 0;
      for (const line of text.split("\n").filter((row) => row !== "")) {
        end += Buffer.byteLength(line) + 1;
        const record = JSON.parse(line) as { type?: string; latency_ms: number };
        if (record.type === undefined) expect(syncedAtResolve[record.latency_ms]).toBeGreaterThanOrEqual(end);
      }
      expect(spy.mock.calls.length).toBeGreaterThan(1);
      expect(await verifyAuditFile(day1(dir), { publicKey: keys.publicKey })).toMatchObject({
        status: "valid",
        records: 300,
        checkpoints: 6,
      });
    } finally {
      spy.mockRestore();
    }
  });

  it("rejects a bad envelope without breaking the chain for the others", async () => {
    const dir = await tempDir();
    const appender = new Sec0Appender({ config: { dir }, signer: keys.signer });
    const results = await Promise.allSettled([
      appender.append(envelope(1)),
      appender.append({ ...envelope(2), ts: "not a time" }),
      appender.append({ ...envelope(3), type: CHECKPOINT_TYPE }),
      appender.append({ ...envelope(4), bad: Number.NaN }),
      appender.append(envelope(5)),
    ]);
    expect(results.map((r) => r.status)).toEqual([
      "fulfilled",
      "rejected",
      "rejected",
      "rejected",
      "fulfilled",
    ]);
    expect(
      results.map((r) => (r.status === "rejected" ? (r.reason as { code: string }).code : "ok")),
    ).toEqual([
      "ok",
      "AUDIT_ENVELOPE_INVALID",
      "AUDIT_ENVELOPE_INVALID",
      "CORE_CANONICAL_JSON_INVALID",
      "ok",
    ]);
    await appender.close();
    expect((await verifyAuditFile(day1(dir), { publicKey: keys.publicKey })).status).toBe("valid");
  });

  it("ignores a caller's sig and chain fields", async () => {
    const dir = await tempDir();
    const appender = new Sec0Appender({ config: { dir }, signer: keys.signer });
    await appender.append({
      ...envelope(1),
      sig: "ed25519:forged",
      seq: 99,
      prev_hash: "x",
      key_id: "other",
    });
    await appender.close();
    expect((await readRecords(day1(dir)))[0]).toMatchObject({
      seq: 1,
      key_id: keys.keyId,
      prev_hash: GENESIS_PREV_HASH,
    });
  });

  it("rejects a bad config and appends after close", async () => {
    expect(() => new Sec0Appender({ config: { dir: "" }, signer: keys.signer })).toThrow(/config.dir/);
    expect(
      () => new Sec0Appender({ config: { dir: "x", durability: "fast" as never }, signer: keys.signer }),
    ).toThrowError(expect.objectContaining({ code: "AUDIT_CONFIG_INVALID" }));
    const appender = new Sec0Appender({ config: { dir: await tempDir() }, signer: keys.signer });
    await appender.close();
    await appender.close();
    await expect(appender.append(envelope(1))).rejects.toMatchObject({ code: "AUDIT_APPENDER_CLOSED" });
  });

  it("resumes the chain from the latest earlier day file after a restart on a new day", async () => {
    const dir = await tempDir();
    const first = new Sec0Appender({ config: { dir }, signer: keys.signer });
    await first.append(envelope(1, "2026-01-01T10:00:00.000Z"));
    await first.close();
    await writeFile(join(dir, "notes.txt"), "not an audit file");
    const second = new Sec0Appender({ config: { dir }, signer: keys.signer });
    await second.append(envelope(2, "2026-01-03T10:00:00.000Z"));
    await second.close();
    const lastOfDay1 = (await readLines(day1(dir))).at(-1) as string;
    expect((await readRecords(join(dir, "audit-2026-01-03.ndjson")))[0]?.prev_hash).toBe(
      hashLine(lastOfDay1),
    );
    expect((await verifyAuditDir(dir, { publicKey: keys.publicKey })).status).toBe("valid");
  });
});
