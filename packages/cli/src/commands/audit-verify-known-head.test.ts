// `sec0 audit verify --known-head` with a head saved by `sec0 audit head`; the hostile cases delete
// the last lines or rewrite a line of the log.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { appendRecords, createAuditLog, keepFirstLines, type TestKey } from "../__fixtures__/audit-log.js";
import { captureIo } from "../__fixtures__/capture-io.js";
import { runCli } from "../program.js";

const DAY = join(".sec0", "audit-2026-01-01.ndjson");

/** A log whose head is saved to head.json, then extended by two records and a checkpoint. */
async function savedHead(): Promise<{ cwd: string; key: TestKey; head: string }> {
  const { cwd, key } = await createAuditLog(3);
  const io = captureIo(cwd);
  expect(await runCli(["audit", "head", ".sec0"], io)).toBe(0);
  await writeFile(join(cwd, "head.json"), io.out);
  await appendRecords(cwd, key, 2, { from: 3 });
  return { cwd, key, head: io.out };
}

async function verify(cwd: string, key: TestKey, ...extra: string[]) {
  const io = captureIo(cwd);
  const code = await runCli(["audit", "verify", ".sec0", "--key", key.publicKeyBase64, ...extra], io);
  return { code, out: io.out, err: io.err };
}

describe("sec0 audit verify --known-head", () => {
  it("exits 0 when the log extends the saved head (file or inline JSON)", async () => {
    const { cwd, key, head } = await savedHead();
    const fromFile = await verify(cwd, key, "--known-head", "head.json");
    expect(fromFile.code).toBe(0);
    expect(fromFile.out).toMatch(
      /valid: 1 file\(s\); the log holds the known head \(seq 4, .*line 4\) and 3 lines after it/,
    );
    const inline = await verify(cwd, key, "--known-head", head);
    expect(inline.code).toBe(0);
    const json = await verify(cwd, key, "--known-head", "head.json", "--json");
    expect(JSON.parse(json.out)).toMatchObject({
      status: "valid",
      linesAfterHead: 3,
      head: { line: 4, seq: 4 },
    });
  });

  it("exits 1 with known_head_truncated when someone deleted the last lines", async () => {
    const { cwd, key } = await savedHead();
    await keepFirstLines(join(cwd, DAY), 3); // the head (line 4) and everything after it
    const plain = await verify(cwd, key);
    expect(plain.code).toBe(0); // alone, the cut cannot be seen
    const checked = await verify(cwd, key, "--known-head", "head.json");
    expect(checked.code).toBe(1);
    expect(checked.out).toMatch(
      /tampered or damaged: .*audit-2026-01-01.ndjson line 4: known_head_truncated: /,
    );
  });

  it("exits 1 when someone rewrote a line", async () => {
    const { cwd, key } = await savedHead();
    const path = join(cwd, DAY);
    await writeFile(path, (await readFile(path, "utf8")).replace('"n":1', '"n":9'));
    const checked = await verify(cwd, key, "--known-head", "head.json");
    expect(checked.code).toBe(1);
    expect(checked.out).toMatch(/line 2: signature_invalid/);
  });

  it("exits 1 with known_head_rewritten when the log was rewritten with the key", async () => {
    const { cwd, key } = await savedHead();
    await keepFirstLines(join(cwd, DAY), 2);
    await appendRecords(cwd, key, 4, { from: 20 });
    const checked = await verify(cwd, key, "--known-head", "head.json");
    expect(checked.code).toBe(1);
    expect(checked.out).toMatch(/line 4: known_head_rewritten: /);
  });

  it("refuses a head that is not one: AUDIT_HEAD_INVALID, AUDIT_PATH_NOT_FOUND", async () => {
    const { cwd, key } = await savedHead();
    const bad = await verify(cwd, key, "--known-head", '{"tree_size": 3}');
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/^sec0: AUDIT_HEAD_INVALID: /);
    expect(bad.err).toContain("sec0 audit head");
    const missing = await verify(cwd, key, "--known-head", "nope.json");
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/^sec0: AUDIT_PATH_NOT_FOUND: sec0 audit verify --known-head: no file at /);
  });

  it("needs the directory, not one day file (a cut can remove whole days)", async () => {
    const { cwd, key } = await savedHead();
    const io = captureIo(cwd);
    const code = await runCli(
      ["audit", "verify", DAY, "--key", key.publicKeyBase64, "--known-head", "head.json"],
      io,
    );
    expect(code).toBe(1);
    expect(io.err).toContain("--known-head needs the audit directory");
  });
});
