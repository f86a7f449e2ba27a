import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createAuditLog } from "../__fixtures__/audit-log.js";
import { captureIo } from "../__fixtures__/capture-io.js";
import { runCli } from "../program.js";

describe("sec0 audit head <dir>", () => {
  it("prints the latest signed checkpoint as JSON, the very line the log holds", async () => {
    const { cwd, key } = await createAuditLog(3);
    const io = captureIo(cwd);
    expect(await runCli(["audit", "head", ".sec0"], io)).toBe(0);
    const head = JSON.parse(io.out) as Record<string, unknown>;
    expect(head).toMatchObject({
      type: "sec0.checkpoint",
      date: "2026-01-01",
      tree_size: 3,
      seq: 4,
      key_id: key.signer.keyId,
    });
    expect(head.root_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(head.sig).toMatch(/^ed25519:[A-Za-z0-9+/]+={0,2}$/);
    const lines = (await readFile(join(cwd, ".sec0", "audit-2026-01-01.ndjson"), "utf8")).split("\n");
    expect(head).toEqual(JSON.parse(lines[3] as string));
    expect(io.err).toBe("");
  });

  it("says on stderr (never stdout) how many lines the head does not cover yet", async () => {
    const { cwd, key } = await createAuditLog(2);
    await writeFile(
      join(cwd, ".sec0", "audit-2026-01-02.ndjson"),
      `${JSON.stringify({ ts: "2026-01-02T00:00:00.000Z", tool: "x" })}\n`,
    );
    const io = captureIo(cwd);
    expect(await runCli(["audit", "head", ".sec0"], io)).toBe(0);
    expect(JSON.parse(io.out)).toMatchObject({ tree_size: 2, key_id: key.signer.keyId });
    expect(io.err).toContain("1 line after it");
  });

  it("exits 1 with AUDIT_HEAD_NOT_FOUND when the log has no checkpoint yet", async () => {
    const { cwd } = await createAuditLog(0);
    await mkdir(join(cwd, ".sec0"), { recursive: true });
    await writeFile(join(cwd, ".sec0", "audit-2026-01-01.ndjson"), '{"tool":"x"}\n');
    const io = captureIo(cwd);
    expect(await runCli(["audit", "head", ".sec0"], io)).toBe(1);
    expect(io.err).toMatch(/^sec0: AUDIT_HEAD_NOT_FOUND: sec0 audit head: no checkpoint in /);
    expect(io.out).toBe("");
  });

  it("exits 1 with AUDIT_PATH_NOT_FOUND for a missing directory or a file", async () => {
    const { cwd } = await createAuditLog(1);
    for (const path of ["nowhere", ".sec0/audit-2026-01-01.ndjson"]) {
      const io = captureIo(cwd);
      expect(await runCli(["audit", "head", path], io)).toBe(1);
      expect(io.err).toMatch(/^sec0: AUDIT_PATH_NOT_FOUND: sec0 audit head: no audit directory at /);
    }
  });
});
