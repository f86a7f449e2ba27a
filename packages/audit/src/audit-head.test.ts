import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { isSec0Error } from "@sec0/core";
import { createSeededKeyPair } from "@sec0/testkit";
import { describe, expect, it } from "vitest";
import { envelope, readLines, tempDir } from "./__fixtures__/helpers.js";
import { Sec0Appender } from "./appender.js";
import { parseAuditHead } from "./audit-head.js";
import { readAuditHead } from "./read-audit-head.js";

const keys = createSeededKeyPair("audit-head");

async function writeLog(dir: string, count: number, ts?: string): Promise<void> {
  const appender = new Sec0Appender({ config: { dir }, signer: keys.signer });
  for (let i = 0; i < count; i += 1) await appender.append(envelope(i, ts));
  await appender.close();
}

function errorOf(fn: () => unknown): { code: string; message: string; field: unknown } {
  try {
    fn();
  } catch (error) {
    if (isSec0Error(error)) {
      const details = error.details as { field?: unknown } | undefined;
      return { code: error.code, message: error.message, field: details?.field };
    }
    throw error;
  }
  throw new Error("expected a Sec0Error");
}

describe("readAuditHead", () => {
  it("returns the last checkpoint of the newest day file, where it is, and what follows it", async () => {
    const dir = await tempDir();
    await writeLog(dir, 3);
    const reading = await readAuditHead(dir);
    const path = join(dir, "audit-2026-01-01.ndjson");
    const lines = await readLines(path);
    expect(reading).toMatchObject({ path, line: 4, linesAfter: 0 });
    expect(reading?.head).toEqual(JSON.parse(lines[3] as string));
    expect(reading?.head).toMatchObject({
      type: "sec0.checkpoint",
      date: "2026-01-01",
      tree_size: 3,
      seq: 4,
      key_id: keys.keyId,
    });
    expect(reading?.head.sig).toMatch(/^ed25519:/);

    // Lines appended after the checkpoint (before the next one) are counted, not covered.
    const appender = new Sec0Appender({ config: { dir, checkpointIntervalMs: 0 }, signer: keys.signer });
    await appender.append(envelope(9));
    await appender.flush();
    expect(await readAuditHead(dir)).toMatchObject({ line: 4, linesAfter: 1 });
    await appender.close();
    expect(await readAuditHead(dir)).toMatchObject({ line: 6, linesAfter: 0, head: { seq: 6 } });
  });

  it("looks into earlier day files when the newest has no checkpoint yet", async () => {
    const dir = await tempDir();
    await writeLog(dir, 2);
    const next = join(dir, "audit-2026-01-02.ndjson");
    await writeFile(next, `${JSON.stringify({ ts: "2026-01-02T00:00:00.000Z", tool: "x" })}\n`);
    expect(await readAuditHead(dir)).toMatchObject({
      path: join(dir, "audit-2026-01-01.ndjson"),
      line: 3,
      linesAfter: 1,
    });
  });

  it("is undefined for a log without a checkpoint and for a missing directory", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "audit-2026-01-01.ndjson"), '{"tool":"x"}\n');
    expect(await readAuditHead(dir)).toBeUndefined();
    expect(await readAuditHead(join(dir, "nowhere"))).toBeUndefined();
  });
});

describe("parseAuditHead", () => {
  it("accepts what readAuditHead returns, as an object or as its JSON text", async () => {
    const dir = await tempDir();
    await writeLog(dir, 2);
    const { head } = (await readAuditHead(dir))!;
    expect(parseAuditHead(head)).toEqual(head);
    expect(parseAuditHead(`${JSON.stringify(head, null, 2)}\n`)).toEqual(head);
  });

  it("names the field that is wrong, and how to get a head", async () => {
    const dir = await tempDir();
    await writeLog(dir, 2);
    const { head } = (await readAuditHead(dir))!;
    const cases: Array<[unknown, string]> = [
      ["{ not json", "json"],
      [[1, 2], "head"],
      [{ ...head, type: "sec0.repair" }, "type"],
      [{ ...head, date: "yesterday" }, "date"],
      [{ ...head, tree_size: -1 }, "tree_size"],
      [{ ...head, root_hash: "abc" }, "root_hash"],
      [{ ...head, seq: 0 }, "seq"],
      [{ ...head, prev_hash: undefined }, "prev_hash"],
      [{ ...head, key_id: 7 }, "key_id"],
      [{ ...head, sig: "rsa:xyz" }, "sig"],
    ];
    for (const [input, field] of cases) {
      const error = errorOf(() => parseAuditHead(input));
      expect(error.code).toBe("AUDIT_HEAD_INVALID");
      expect(error.field).toBe(field);
      expect(error.message).toContain("sec0 audit head");
    }
  });
});
