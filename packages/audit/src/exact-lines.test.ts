import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { createSeededKeyPair } from "@sec0/testkit";
import { beforeAll, describe, expect, it } from "vitest";
import { envelope, readLines, tempDir } from "./__fixtures__/helpers.js";
import { Sec0Appender } from "./appender.js";
import { REPAIR_TYPE } from "./record.js";
import { verifyAuditText } from "./verifier.js";
import { verifyAuditDir } from "./verify-dir.js";

const keys = createSeededKeyPair("audit-exact-lines");
const DAY = "audit-2026-01-01.ndjson";
let lines: string[] = [];

beforeAll(async () => {
  const dir = await tempDir();
  const appender = new Sec0Appender({ config: { dir, checkpointEvery: 100 }, signer: keys.signer });
  for (let i = 0; i < 3; i += 1) await appender.append(envelope(i));
  await appender.flush();
  lines = await readLines(join(dir, DAY));
});

const text = (rows: readonly string[]) => rows.map((line) => `${line}\n`).join("");
const lastAltered = (alter: (line: string) => string) => {
  const rows = [...lines];
  rows[rows.length - 1] = alter(rows.at(-1) as string);
  return verifyAuditText("t.ndjson", text(rows), { publicKey: keys.publicKey });
};

describe("every line must be byte-exact canonical JSON (hostile last lines)", () => {
  it("accepts the untouched lines", () => {
    expect(verifyAuditText("t.ndjson", text(lines), { publicKey: keys.publicKey }).status).toBe("valid");
  });

  const cases: Array<[string, (line: string) => string]> = [
    ["a duplicate key", (line) => line.replace('{"', '{"tenant":"evil","')],
    ["extra whitespace", (line) => line.replace('":', '": ')],
    ["a leading space", (line) => ` ${line}`],
    ["junk appended to the signature", (line) => line.replace(/"\}$/, 'AAAA"}')],
    ["junk after the closing brace", (line) => `${line} `],
    ["a non-canonical number", (line) => line.replace(/"latency_ms":(\d+)/, '"latency_ms":$1.0')],
    [
      "an escaped character that needs none",
      (line) => line.replace('"tenant":"acme"', '"tenant":"\\u0061cme"'),
    ],
    ["a signature that is not last", (line) => line.replace(/^\{(.*),("sig":"[^"]*")\}$/, "{$2,$1}")],
  ];
  for (const [name, alter] of cases) {
    it(`reports ${name} on the last line as not_canonical with its line number`, () => {
      const report = lastAltered(alter);
      expect(report.status).toBe("invalid");
      expect(report.problem).toMatchObject({ line: lines.length, code: "not_canonical" });
    });
  }

  it("rejects base64 with non-canonical padding bits in the signature", () => {
    const report = lastAltered((line) => {
      const base64 = /"sig":"ed25519:([^"]+)"/.exec(line)?.[1] as string;
      const last = base64.at(-3) as string;
      const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
      const bumped = alphabet[(alphabet.indexOf(last) & ~3) | ((alphabet.indexOf(last) + 1) & 3)] as string;
      return line.replace(base64, `${base64.slice(0, -3)}${bumped}==`);
    });
    expect(report.problem).toMatchObject({ line: lines.length, code: "not_canonical" });
  });
});

describe("the appender refuses to chain after a line it cannot verify", () => {
  const forged = (line: string) => `${line.replace('"tenant":"acme"', '"tenant":"acmf"')}\n`;
  const spaced = (line: string) => `${JSON.stringify(JSON.parse(line), null, 1).replace(/\n/g, "")}\n`;
  for (const [name, badLine, reason] of [
    ["a garbage line", () => "this is not json\n", "bad_tail"],
    ["a re-serialised line with whitespace", spaced, "bad_tail"],
    ["a canonical line with a forged signature", forged, "bad_tail"],
    ["a torn line (crash mid-write)", (line: string) => line.slice(0, 40), "torn_tail"],
  ] as const) {
    it(`quarantines ${name}, writes a repair record and the verifier reports it`, async () => {
      const dir = await tempDir();
      const first = new Sec0Appender({ config: { dir, checkpointEvery: 100 }, signer: keys.signer });
      await first.append(envelope(1));
      await first.flush();
      const path = join(dir, DAY);
      const good = await readFile(path);
      const bad = badLine(good.toString("utf8").trimEnd().split("\n").at(-1) as string);
      await writeFile(path, Buffer.concat([good, Buffer.from(bad)]));
      const second = new Sec0Appender({ config: { dir, checkpointEvery: 100 }, signer: keys.signer });
      await second.append(envelope(2));
      await second.close();

      const after = await readLines(path);
      const repair = after
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .find((r) => r.type === REPAIR_TYPE);
      expect(repair).toMatchObject({
        reason,
        removed_offset: good.length,
        removed_bytes: Buffer.byteLength(bad),
      });
      const quarantined = (await readdir(dir)).filter((name) => name.includes("quarantine"));
      expect(quarantined).toHaveLength(1);
      expect(await readFile(join(dir, quarantined[0] as string), "utf8")).toBe(bad);
      const report = await verifyAuditDir(dir, { publicKey: keys.publicKey });
      expect(report.problem).toBeUndefined();
      expect(report.status).toBe("valid");
      expect(report.files[0]?.repairs).toBe(1);
    });
  }
});

describe("a repair that cannot keep the bad bytes", () => {
  it("fails with AUDIT_REPAIR_FAILED and leaves the day file as it was", async () => {
    const dir = await tempDir();
    const path = join(dir, DAY);
    await writeFile(path, "garbage\n");
    await mkdir(`${path}.quarantine.tmp`);
    const appender = new Sec0Appender({ config: { dir }, signer: keys.signer });
    await expect(appender.append(envelope(1))).rejects.toMatchObject({ code: "AUDIT_REPAIR_FAILED" });
    await appender.close();
    expect(await readFile(path, "utf8")).toBe("garbage\n");
  });
});

describe("a crash between the cut and the repair record", () => {
  it("records the quarantined bytes on the next open", async () => {
    const dir = await tempDir();
    const first = new Sec0Appender({ config: { dir, checkpointEvery: 100 }, signer: keys.signer });
    await first.append(envelope(1));
    await first.close();
    const path = join(dir, DAY);
    const good = await readFile(path);
    // What a crash right after the cut leaves: the day file ends at the last good line and the
    // cut bytes sit in their quarantine file, named by nothing in the log.
    const bad = "this line was cut\n";
    const sha256 = createHash("sha256").update(bad).digest("hex");
    const name = `${DAY}.quarantine-${good.length}-${sha256.slice(0, 12)}`;
    await writeFile(join(dir, name), bad);

    const second = new Sec0Appender({ config: { dir, checkpointEvery: 100 }, signer: keys.signer });
    await second.append(envelope(2));
    await second.close();

    const records = (await readLines(path)).map((line) => JSON.parse(line) as Record<string, unknown>);
    const repairs = records.filter((r) => r.type === REPAIR_TYPE);
    expect(repairs).toHaveLength(1);
    expect(repairs[0]).toMatchObject({
      reason: "unrecorded_cut",
      removed_offset: good.length,
      removed_bytes: Buffer.byteLength(bad),
      removed_sha256: sha256,
      quarantine_file: name,
    });
    const report = await verifyAuditDir(dir, { publicKey: keys.publicKey });
    expect(report.status).toBe("valid");
    expect(report.files[0]?.repairs).toBe(1);

    // Opening again records nothing more: the quarantine file is now named by a record.
    const third = new Sec0Appender({ config: { dir, checkpointEvery: 100 }, signer: keys.signer });
    await third.append(envelope(3));
    await third.close();
    const again = (await readLines(path)).filter((line) => line.includes(REPAIR_TYPE));
    expect(again).toHaveLength(1);
  });
});
