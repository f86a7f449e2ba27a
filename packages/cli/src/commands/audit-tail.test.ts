import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { appendRecords, createAuditLog } from "../__fixtures__/audit-log.js";
import { captureIo } from "../__fixtures__/capture-io.js";
import { runCli } from "../program.js";

describe("sec0 audit tail <file>", () => {
  it("prints the last records of one day file", async () => {
    const { cwd, key } = await createAuditLog(3);
    await appendRecords(cwd, key, 2, { from: 3, date: "2026-01-02" });
    const io = captureIo(cwd);
    expect(await runCli(["audit", "tail", ".sec0/audit-2026-01-01.ndjson", "-n", "2"], io)).toBe(0);
    const rows = io.out.trimEnd().split("\n");
    expect(rows[0]).toMatch(/^time\s+node\s+tool\s+decision\s+reasons$/);
    expect(rows).toHaveLength(3);
    expect(rows[1]).toMatch(/^2026-01-01T10:00:02.000Z\s+planner\s+mcp:\/\/files\/read_file@1.0\s+allow/);
    expect(rows[2]).toMatch(/\(checkpoint\)\s+tree_size=3/);
    expect(io.out).not.toContain("2026-01-02T");

    const absolute = captureIo(cwd);
    expect(await runCli(["audit", "tail", join(cwd, ".sec0", "audit-2026-01-02.ndjson")], absolute)).toBe(0);
    expect(absolute.out.trimEnd().split("\n")).toHaveLength(4);
    expect(absolute.out).not.toContain("2026-01-01T");
  });

  it("still reads a directory across its day files, newest last", async () => {
    const { cwd, key } = await createAuditLog(1);
    await appendRecords(cwd, key, 1, { from: 1, date: "2026-01-02" });
    const io = captureIo(cwd);
    expect(await runCli(["audit", "tail", ".sec0", "-n", "4"], io)).toBe(0);
    const rows = io.out.trimEnd().split("\n").slice(1);
    expect(rows).toHaveLength(4);
    expect(rows[0]).toMatch(/^2026-01-01T10:00:00.000Z\s+planner/);
    expect(rows[1]).toMatch(/\(checkpoint\)\s+tree_size=1/);
    expect(rows[2]).toMatch(/^2026-01-02T10:00:01.000Z\s+planner/);
    expect(rows[3]).toMatch(/\(checkpoint\)\s+tree_size=1/);
  });

  it("names the command in its errors", async () => {
    const { cwd } = await createAuditLog(1);
    const missing = captureIo(cwd);
    expect(await runCli(["audit", "tail", ".sec0/audit-2030-01-01.ndjson"], missing)).toBe(1);
    expect(missing.err).toMatch(
      /^sec0: AUDIT_PATH_NOT_FOUND: sec0 audit tail: no audit file or directory at /,
    );
    const count = captureIo(cwd);
    expect(await runCli(["audit", "tail", ".sec0", "-n", "0"], count)).toBe(1);
    expect(count.err).toMatch(/^sec0: AUDIT_TAIL_COUNT_INVALID: sec0 audit tail -n must be a whole number/);
  });
});
