// What `sec0 audit verify` may call evidence: no records is not, a log cut from its start is not
// (unless a pinned head says where kept history starts), and the key must be pinned outside the log.
import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { appendRecords, createAuditLog, type TestKey } from "../__fixtures__/audit-log.js";
import { captureIo } from "../__fixtures__/capture-io.js";
import { runCli } from "../program.js";

const DAY = join(".sec0", "audit-2026-01-01.ndjson");

async function run(cwd: string, ...argv: string[]) {
  const io = captureIo(cwd);
  const code = await runCli(argv, io);
  return { code, out: io.out, err: io.err };
}

/** 3 records + checkpoint (saved as head.json), 2 records + checkpoint; then lines 1-4 and 7 cut. */
async function cutLog(): Promise<{ cwd: string; key: TestKey }> {
  const { cwd, key } = await createAuditLog(3);
  const head = await run(cwd, "audit", "head", ".sec0");
  await writeFile(join(cwd, "head.json"), head.out);
  await appendRecords(cwd, key, 2, { from: 3 });
  const lines = (await readFile(join(cwd, DAY), "utf8")).split("\n").filter((l) => l !== "");
  await writeFile(
    join(cwd, DAY),
    lines
      .slice(4, 6)
      .map((l) => `${l}\n`)
      .join(""),
  );
  return { cwd, key };
}

describe("sec0 audit verify: empty and not from genesis", () => {
  it("exits 3 for a directory without records, whatever the key", async () => {
    const cwd = await mkdtemp(join(tmpdir(), "sec0-cli-empty-"));
    await mkdir(join(cwd, ".sec0"));
    const { key } = await createAuditLog(1);
    const report = await run(cwd, "audit", "verify", ".sec0", "--public-key", key.publicKeyBase64);
    expect(report.code).toBe(3);
    expect(report.out).toMatch(/^empty: no audit records in /m);
    expect(report.out).not.toMatch(/^valid/m);
    const json = await run(cwd, "audit", "verify", ".sec0", "--public-key", key.publicKeyBase64, "--json");
    expect(JSON.parse(json.out)).toMatchObject({ status: "empty" });
  });

  it("exits 4 when the head of the log was cut, and 0 with --from the head it continues", async () => {
    const { cwd, key } = await cutLog();
    const cut = await run(cwd, "audit", "verify", ".sec0", "--public-key", key.publicKeyBase64);
    expect(cut.code).toBe(4);
    expect(cut.out).toMatch(/^not from genesis: the oldest kept line is seq 5/m);
    const from = await run(
      cwd,
      "audit",
      "verify",
      ".sec0",
      "--public-key",
      key.publicKeyBase64,
      "--from",
      "head.json",
    );
    expect(from.code).toBe(0);
    expect(from.out).toMatch(/^valid: 1 file\(s\), continuing the --from head \(seq 4, 2026-01-01\)/m);
  });
});

describe("sec0 audit verify: a key pinned outside the log", () => {
  it("takes --public-key as base64 or a file, and checks a pinned --key-id", async () => {
    const { cwd, key } = await createAuditLog(2);
    await writeFile(join(cwd, "audit.pub"), `${key.publicKeyBase64}\n`);
    expect((await run(cwd, "audit", "verify", ".sec0", "--public-key", key.publicKeyBase64)).code).toBe(0);
    const file = await run(
      cwd,
      "audit",
      "verify",
      ".sec0",
      "--public-key",
      "audit.pub",
      "--key-id",
      key.signer.keyId,
    );
    expect(file).toMatchObject({ code: 0, err: "" });
    const other = `ed25519:${"0".repeat(64)}`;
    const pinned = await run(cwd, "audit", "verify", ".sec0", "--public-key", "audit.pub", "--key-id", other);
    expect(pinned.code).toBe(1);
    expect(pinned.err).toContain("AUDIT_VERIFY_KEY_ID_MISMATCH");
    const alone = await run(cwd, "audit", "verify", ".sec0", "--key-id", key.signer.keyId);
    expect(alone.code).toBe(1);
    expect(alone.err).toContain("AUDIT_VERIFY_KEY_OPTIONS_INVALID");
  });

  it("warns for a private key ref and for a key inside the audited directory", async () => {
    const { cwd, key } = await createAuditLog(2);
    await mkdir(join(cwd, ".sec0", "keys"), { recursive: true });
    await writeFile(join(cwd, ".sec0", "keys", "audit.key"), key.seed.toString("base64"), { mode: 0o600 });
    await writeFile(join(cwd, ".sec0", "audit.pub"), key.publicKeyBase64);
    const privateRef = await run(cwd, "audit", "verify", ".sec0", "--key", "file://./.sec0/keys/audit.key");
    expect(privateRef.code).toBe(0);
    expect(privateRef.err).toContain("warning: --key names a private key");
    expect(privateRef.err).toContain("inside the audited directory");
    const inside = await run(cwd, "audit", "verify", ".sec0", "--public-key", ".sec0/audit.pub");
    expect(inside.code).toBe(0);
    expect(inside.err).toContain("inside the audited directory");
  });
});

describe("sec0 key show --public", () => {
  it("prints only the public key line, and the key id to pin on stderr", async () => {
    const { cwd, key } = await createAuditLog(1);
    await mkdir(join(cwd, ".sec0", "keys"), { recursive: true });
    await writeFile(join(cwd, ".sec0", "keys", "ed25519.key"), key.seed.toString("base64"), { mode: 0o600 });
    const shown = await run(cwd, "key", "show", ".sec0/keys/ed25519.key", "--public");
    expect(shown.code).toBe(0);
    expect(shown.out).toBe(`${key.publicKeyBase64}\n`);
    expect(shown.err).toContain(`key id: ${key.signer.keyId}`);
  });
});
