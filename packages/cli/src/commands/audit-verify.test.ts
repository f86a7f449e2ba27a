import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { hashLine, Sec0Appender } from "@sec0/audit";
import { canonicalize } from "@sec0/core";
import { describe, expect, it } from "vitest";
import { createTestKey, type TestKey } from "../__fixtures__/audit-log.js";
import { captureIo } from "../__fixtures__/capture-io.js";
import { runCli } from "../program.js";

async function writeLog(): Promise<{ cwd: string; key: TestKey }> {
  const cwd = await mkdtemp(join(tmpdir(), "sec0-cli-audit-"));
  const key = createTestKey();
  const appender = new Sec0Appender({ config: { dir: join(cwd, ".sec0") }, signer: key.signer });
  for (let i = 0; i < 3; i += 1) {
    await appender.append({
      ts: `2026-01-01T10:00:0${i}.000Z`,
      nodeId: "planner",
      tool: "mcp://files/read_file@1.0",
      policy: { decision: i === 2 ? "deny" : "allow" },
      decision_reason: i === 2 ? "tool_not_in_allowlist" : undefined,
    });
  }
  await appender.close();
  return { cwd, key };
}

describe("sec0 audit verify", () => {
  it("exits 0 for a valid directory with a base64 or hex key", async () => {
    const { cwd, key } = await writeLog();
    const io = captureIo(cwd);
    expect(
      await runCli(["audit", "verify", ".sec0", "--key", Buffer.from(key.publicKey).toString("base64")], io),
    ).toBe(0);
    expect(io.out).toMatch(/valid: 1 file/);
    const hex = captureIo(cwd);
    expect(
      await runCli(
        [
          "audit",
          "verify",
          ".sec0/audit-2026-01-01.ndjson",
          "--key",
          Buffer.from(key.publicKey).toString("hex"),
          "--json",
        ],
        hex,
      ),
    ).toBe(0);
    expect(JSON.parse(hex.out)).toMatchObject({ status: "valid", files: [{ records: 3 }] });
  });

  it("derives the public key from an env:// or file:// key ref", async () => {
    const { cwd, key } = await writeLog();
    const io = captureIo(cwd, { SEC0_AUDIT_TEST_KEY: key.seed.toString("base64") });
    expect(await runCli(["audit", "verify", ".sec0", "--key", "env://SEC0_AUDIT_TEST_KEY"], io)).toBe(0);
    await mkdir(join(cwd, ".sec0", "keys"), { recursive: true });
    await writeFile(join(cwd, ".sec0", "keys", "audit.key"), key.seed.toString("base64"), { mode: 0o600 });
    const fileIo = captureIo(cwd);
    expect(await runCli(["audit", "verify", ".sec0", "--key", "file://./.sec0/keys/audit.key"], fileIo)).toBe(
      0,
    );
  });

  it("exits 1 and names the line when a record was edited", async () => {
    const { cwd, key } = await writeLog();
    const path = join(cwd, ".sec0", "audit-2026-01-01.ndjson");
    await writeFile(path, (await readFile(path, "utf8")).replace('"decision":"deny"', '"decision":"allow"'));
    const io = captureIo(cwd);
    expect(
      await runCli(["audit", "verify", ".sec0", "--key", Buffer.from(key.publicKey).toString("base64")], io),
    ).toBe(1);
    expect(io.out).toMatch(/line 3: signature_invalid/);
  });

  it("exits 2 without a key and never claims success", async () => {
    const { cwd, key } = await writeLog();
    const io = captureIo(cwd);
    expect(await runCli(["audit", "verify", ".sec0"], io)).toBe(2);
    expect(io.out).toContain("no key given: signatures not checked");
    expect(io.out).toContain(key.signer.keyId);
    expect(io.out).not.toMatch(/^valid/m);
  });

  it("reports a missing path and a bad key clearly", async () => {
    const { cwd } = await writeLog();
    const io = captureIo(cwd);
    expect(await runCli(["audit", "verify", "nowhere"], io)).toBe(1);
    expect(io.err).toContain("AUDIT_PATH_NOT_FOUND");
    const bad = captureIo(cwd);
    expect(await runCli(["audit", "verify", ".sec0", "--key", "not-a-key"], bad)).toBe(1);
    expect(bad.err).toContain("SIGNER_PUBLIC_KEY_INVALID");
  });
});

describe("sec0 audit tail", () => {
  it("prints the last records as a table", async () => {
    const { cwd } = await writeLog();
    const io = captureIo(cwd);
    expect(await runCli(["audit", "tail", ".sec0", "-n", "2"], io)).toBe(0);
    const rows = io.out.trimEnd().split("\n");
    expect(rows[0]).toMatch(/^time\s+node\s+tool\s+decision\s+reasons$/);
    expect(rows).toHaveLength(3);
    expect(rows[1]).toMatch(
      /2026-01-01T10:00:02.000Z\s+planner\s+mcp:\/\/files\/read_file@1.0\s+deny\s+tool_not_in_allowlist/,
    );
    expect(rows[2]).toMatch(/\(checkpoint\)\s+tree_size=3/);
  });

  it("rejects a bad count", async () => {
    const { cwd } = await writeLog();
    const io = captureIo(cwd);
    expect(await runCli(["audit", "tail", ".sec0", "-n", "zero"], io)).toBe(1);
    expect(io.err).toContain("AUDIT_TAIL_COUNT_INVALID");
  });
});

describe("sec0 audit verify, signing: checkpoint", () => {
  async function writeCheckpointLog(): Promise<{ cwd: string; key: TestKey; path: string }> {
    const cwd = await mkdtemp(join(tmpdir(), "sec0-cli-audit-"));
    const key = createTestKey();
    const appender = new Sec0Appender({
      config: { dir: join(cwd, ".sec0"), signing: "checkpoint" },
      signer: key.signer,
    });
    for (let i = 0; i < 3; i += 1) {
      await appender.append({ ts: `2026-01-01T10:00:0${i}.000Z`, tool: "mcp://files/read_file@1.0" });
    }
    await appender.close();
    return { cwd, key, path: join(cwd, ".sec0", "audit-2026-01-01.ndjson") };
  }
  const keyOf = (key: TestKey) => Buffer.from(key.publicKey).toString("base64");

  it("shows the signing mode and the unsigned count of a sealed log, and exits 0", async () => {
    const { cwd, key } = await writeCheckpointLog();
    const io = captureIo(cwd);
    expect(await runCli(["audit", "verify", ".sec0", "--public-key", keyOf(key)], io)).toBe(0);
    expect(io.out).toContain("signing checkpoint (3 unsigned, covered by checkpoints)");
    expect(io.out).toMatch(/valid: 1 file/);
    const json = captureIo(cwd);
    expect(await runCli(["audit", "verify", ".sec0", "--public-key", keyOf(key), "--json"], json)).toBe(0);
    expect(JSON.parse(json.out)).toMatchObject({
      files: [{ signing: "checkpoint", unsignedLines: 3, unattestedLines: 0 }],
    });
  });

  it("prints unsigned_tail and exits 1 for unsigned lines after the last checkpoint", async () => {
    const { cwd, key, path } = await writeCheckpointLog();
    const lines = (await readFile(path, "utf8")).split("\n").filter((line) => line !== "");
    const last = lines.at(-1) as string;
    const { seq } = JSON.parse(last) as { seq: number };
    const extra = canonicalize({
      ts: "2026-01-01T10:00:09.000Z",
      tool: "mcp://files/read_file@1.0",
      key_id: key.signer.keyId,
      seq: seq + 1,
      prev_hash: hashLine(last),
    });
    await writeFile(path, `${lines.join("\n")}\n${extra}\n`);
    const io = captureIo(cwd);
    expect(await runCli(["audit", "verify", ".sec0", "--public-key", keyOf(key)], io)).toBe(1);
    expect(io.out).toMatch(/line 5: unsigned_tail: 1 unsigned line from seq 5 is not yet covered/);

    // A restart names the line as unattested: exit 5, never a silent valid.
    const appender = new Sec0Appender({ config: { dir: join(cwd, ".sec0") }, signer: key.signer });
    await appender.append({ ts: "2026-01-01T10:00:10.000Z", tool: "mcp://files/read_file@1.0" });
    await appender.close();
    const after = captureIo(cwd);
    expect(await runCli(["audit", "verify", ".sec0", "--public-key", keyOf(key)], after)).toBe(5);
    expect(after.out).toContain("1 unattested");
    expect(after.out).toMatch(/^unattested: every check passed, but 1 unsigned line/m);
  });
});
