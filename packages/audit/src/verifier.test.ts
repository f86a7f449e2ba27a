import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { canonicalize } from "@sec0/core";
import { createSeededKeyPair } from "@sec0/testkit";
import nacl from "tweetnacl";
import { beforeAll, describe, expect, it } from "vitest";
import { envelope, readLines, tempDir } from "./__fixtures__/helpers.js";
import { Sec0Appender } from "./appender.js";
import { CHECKPOINT_TYPE, hashLine, signLine } from "./record.js";
import { verifyAuditFile, verifyAuditText } from "./verifier.js";
import { verifyAuditDir } from "./verify-dir.js";

const keys = createSeededKeyPair("audit-verifier");
const intruder = createSeededKeyPair("intruder");
let lines: string[] = [];

beforeAll(async () => {
  const dir = await tempDir();
  const appender = new Sec0Appender({ config: { dir, checkpointEvery: 4 }, signer: keys.signer });
  for (let i = 0; i < 10; i += 1) await appender.append(envelope(i));
  await appender.close();
  lines = await readLines(join(dir, "audit-2026-01-01.ndjson"));
});

const text = (rows: readonly string[]) => rows.map((line) => `${line}\n`).join("");
const check = (rows: readonly string[], options = { publicKey: keys.publicKey }) =>
  verifyAuditText("t.ndjson", text(rows), options);

describe("verifyAuditText", () => {
  it("accepts the untouched log and counts records and checkpoints", () => {
    expect(check(lines)).toMatchObject({
      status: "valid",
      records: 10,
      checkpoints: 3,
      mode: "chained",
      keyIds: [keys.keyId],
    });
  });

  it("never reports success without a key", () => {
    const report = verifyAuditText("t.ndjson", text(lines), {});
    expect(report).toMatchObject({ status: "unchecked", signaturesChecked: false, keyIds: [keys.keyId] });
  });

  it("detects an edited field", () => {
    const edited = [...lines];
    edited[2] = (edited[2] as string).replace('"decision":"allow"', '"decision":"deny"');
    expect(check(edited).problem).toMatchObject({ line: 3, code: "signature_invalid" });
  });

  it("verifies lines with multi-byte UTF-8 and detects an edit inside them", async () => {
    const dir = await tempDir();
    const appender = new Sec0Appender({ config: { dir }, signer: keys.signer });
    await appender.append({ ...envelope(1), note: "caf\u00e9 \u2713 \u{1F602}" });
    await appender.append({ ...envelope(2), "\u00e9": "\u00e9" });
    await appender.close();
    const rows = await readLines(join(dir, "audit-2026-01-01.ndjson"));
    expect(check(rows).status).toBe("valid");
    const edited = [(rows[0] as string).replace("\u2713", "\u2717"), ...rows.slice(1)];
    expect(check(edited).problem).toMatchObject({ line: 1, code: "signature_invalid" });
  });

  it("detects a deleted line", () => {
    expect(check(lines.filter((_, i) => i !== 1)).problem).toMatchObject({ line: 2, code: "chain_broken" });
  });

  it("detects a reordered pair", () => {
    const swapped = [...lines];
    [swapped[1], swapped[2]] = [swapped[2] as string, swapped[1] as string];
    expect(check(swapped).problem).toMatchObject({ line: 2, code: "chain_broken" });
  });

  it("detects an inserted line forged with another key, whatever key id it claims", () => {
    const previous = JSON.parse(lines[1] as string) as { seq: number };
    const fields = { ...envelope(99), seq: previous.seq + 1, prev_hash: hashLine(lines[1] as string) };
    const own = signLine({ ...fields, key_id: intruder.keyId }, intruder.signer);
    const claimed = signLine({ ...fields, key_id: keys.keyId }, intruder.signer);
    expect(check([...lines.slice(0, 2), own, ...lines.slice(2)]).problem).toMatchObject({
      line: 3,
      code: "key_mismatch",
    });
    expect(check([...lines.slice(0, 2), claimed, ...lines.slice(2)]).problem).toMatchObject({
      line: 3,
      code: "signature_invalid",
    });
  });

  it("detects a correctly signed line that skips a seq", () => {
    const fields = { ...envelope(1), key_id: keys.keyId, seq: 5, prev_hash: hashLine(lines[0] as string) };
    expect(check([lines[0] as string, signLine(fields, keys.signer)]).problem).toMatchObject({
      line: 2,
      code: "seq_gap",
    });
  });

  it("detects a signed checkpoint whose root does not match the lines before it", () => {
    const fields = {
      type: CHECKPOINT_TYPE,
      ts: "2026-01-01T12:00:00.000Z",
      date: "2026-01-01",
      tree_size: 1,
      root_hash: "00".repeat(32),
      key_id: keys.keyId,
      seq: 2,
      prev_hash: hashLine(lines[0] as string),
    };
    expect(check([lines[0] as string, signLine(fields, keys.signer)]).problem).toMatchObject({
      line: 2,
      code: "checkpoint_mismatch",
    });
  });

  it("detects a torn last line and an unparseable line", () => {
    const torn = verifyAuditText("t.ndjson", `${text(lines.slice(0, 3))}{"ts":"2026`, {
      publicKey: keys.publicKey,
    });
    expect(torn.problem).toMatchObject({ line: 4, code: "truncated" });
    expect(check([lines[0] as string, "not json"]).problem).toMatchObject({ line: 2, code: "unparseable" });
  });

  it("proves truncation of checkpointed lines against a known head, and reports the unprovable tail", () => {
    const head = JSON.parse(lines[9] as string) as { tree_size: number; root_hash: string };
    const knownHead = { treeSize: head.tree_size, rootHash: head.root_hash };
    const cut = lines.slice(0, 7);
    const plain = check(cut);
    expect(plain).toMatchObject({ status: "valid", linesAfterLastCheckpoint: 2 });
    expect(verifyAuditText("t", text(cut), { publicKey: keys.publicKey, knownHead }).problem).toMatchObject({
      code: "truncated",
    });
    expect(verifyAuditText("t", text(lines), { publicKey: keys.publicKey, knownHead }).status).toBe("valid");
  });

  it("verifies 0.2.3 lines (tweetnacl, sorted-key JSON, no chain) as signed, unchained", () => {
    const pair = nacl.sign.keyPair.fromSeed(keys.seed);
    const legacy = [1, 2, 3].map((i) => {
      const body = envelope(i);
      const sig = Buffer.from(
        nacl.sign.detached(new TextEncoder().encode(canonicalize(body)), pair.secretKey),
      ).toString("base64");
      return JSON.stringify({ ...body, sig: `ed25519:${sig}` });
    });
    expect(check(legacy)).toMatchObject({ status: "valid", mode: "signed-unchained", unchainedLines: 3 });
    const edited = [...legacy];
    edited[1] = (edited[1] as string).replace('"status":"ok"', '"status":"error"');
    expect(check(edited).problem).toMatchObject({ line: 2, code: "signature_invalid" });
  });
});

describe("verifyAuditFile and verifyAuditDir", () => {
  it("detects a cut earlier day through the next day's chain link", async () => {
    const dir = await tempDir();
    const appender = new Sec0Appender({ config: { dir }, signer: keys.signer });
    for (let i = 0; i < 3; i += 1) await appender.append(envelope(i, "2026-01-01T10:00:00.000Z"));
    for (let i = 0; i < 3; i += 1) await appender.append(envelope(i, "2026-01-02T10:00:00.000Z"));
    await appender.close();
    const day1 = join(dir, "audit-2026-01-01.ndjson");
    expect((await verifyAuditDir(dir, { publicKey: keys.publicKey })).status).toBe("valid");
    const day1Lines = await readLines(day1);
    await writeFile(day1, text(day1Lines.slice(0, 2)));
    expect((await verifyAuditFile(day1, { publicKey: keys.publicKey })).status).toBe("valid");
    const report = await verifyAuditDir(dir, { publicKey: keys.publicKey });
    expect(report.problem).toMatchObject({
      path: join(dir, "audit-2026-01-02.ndjson"),
      line: 1,
      code: "chain_broken",
    });
    await rm(day1);
    const retained = await verifyAuditDir(dir, { publicKey: keys.publicKey });
    // Deleted without retention's head: nothing vouches for what is gone.
    expect(retained).toMatchObject({ status: "not_from_genesis", startsMidChain: true });
    expect(await readFile(join(dir, "audit-2026-01-02.ndjson"), "utf8")).toContain('"seq":5');
  });
});
