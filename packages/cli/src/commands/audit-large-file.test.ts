// LARGE-FILE TEST: writes a ~620 MB day file to the temp directory (removed in `finally`, also on
// failure) and checks that verify, tail and head stream it in constant memory. Skipped, with the
// reason printed, when the temp file system has less than 2 GB free. Takes about 10–40 s.
import { statfsSync } from "node:fs";
import { appendFile, mkdtemp, open, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Sec0Appender, signLine, verifyAuditFile } from "@sec0/audit";
import { describe, expect, it } from "vitest";
import { createTestKey } from "../__fixtures__/audit-log.js";
import { captureIo } from "../__fixtures__/capture-io.js";
import { runCli } from "../program.js";

const TARGET_BYTES = 620 * 1024 * 1024;
const MIN_FREE_BYTES = 2 * 1024 ** 3;
const free = (() => {
  const stats = statfsSync(tmpdir());
  return stats.bavail * stats.bsize;
})();
const skip = free < MIN_FREE_BYTES;
if (skip)
  console.warn(
    `audit-large-file: skipped, only ${Math.round(free / 1024 ** 2)} MB free in ${tmpdir()} (needs 2 GB)`,
  );

const keys = createTestKey();

/**
 * Writes one valid 0.2.3-style signed line (unchained, so identical lines all verify without a
 * key) repeated past TARGET_BYTES, then one non-canonical last line; returns the line count.
 */
async function writeLargeFile(path: string): Promise<{ lines: number; bad: string }> {
  const line = `${signLine({ ts: "2026-01-01T10:00:00.000Z", tool: "search@1.0", nodeId: "planner", decision: "allow", pad: "x".repeat(200) }, keys.signer)}\n`;
  const perChunk = Math.floor((64 * 1024 * 1024) / line.length);
  const chunk = Buffer.from(line.repeat(perChunk));
  const handle = await open(path, "w");
  let lines = 0;
  try {
    while (lines * line.length < TARGET_BYTES) {
      await handle.write(chunk);
      lines += perChunk;
    }
    const bad = line.replace('"tool":', '"tool": ').replace("search@1.0", "last@1.0");
    await handle.write(bad);
    return { lines: lines + 1, bad };
  } finally {
    await handle.close();
  }
}

/** A signed checkpoint line, from a one-record log the appender writes in `dir`'s subfolder. */
async function checkpointLine(dir: string): Promise<string> {
  const small = join(dir, "small");
  const appender = new Sec0Appender({ config: { dir: small }, signer: keys.signer });
  await appender.append({ ts: "2026-01-01T10:00:00.000Z", tool: "search@1.0" });
  await appender.close();
  const [name] = await readdir(small);
  const text = await readFile(join(small, name as string), "utf8");
  return text.trimEnd().split("\n").pop() as string;
}

describe.skipIf(skip)("a day file over 512 MiB (large-file test)", () => {
  it("verifies in constant memory with the right first-error line, and tails and heads fast", async () => {
    const dir = await mkdtemp(join(tmpdir(), "sec0-large-"));
    const path = join(dir, "audit-2026-01-01.ndjson");
    try {
      const started = Date.now();
      const { lines } = await writeLargeFile(path);
      const written = Date.now();
      const baseline = process.memoryUsage().rss;
      let peak = baseline;
      const sampler = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().rss);
      }, 20);
      const report = await verifyAuditFile(path).finally(() => clearInterval(sampler));
      const verified = Date.now();
      expect(report.problem).toMatchObject({ line: lines, code: "not_canonical" });
      expect(report.lines).toBe(lines - 1);
      expect(peak - baseline).toBeLessThan(128 * 1024 * 1024);

      const io = captureIo(dir);
      expect(await runCli(["audit", "tail", path, "-n", "3"], io)).toBe(0);
      const tailed = Date.now();
      const rows = io.out.trimEnd().split("\n");
      expect(rows).toHaveLength(4);
      expect(rows[3]).toMatch(/last@1\.0/);
      expect(rows[1]).toMatch(/search@1\.0/);
      expect(tailed - verified).toBeLessThan(2000);

      // `audit head` streams the same file: a checkpoint appended after its last line is found.
      const checkpoint = await checkpointLine(dir);
      await appendFile(path, `${checkpoint}\n{"after":1}\n`);
      const headIo = captureIo(dir);
      expect(await runCli(["audit", "head", dir], headIo)).toBe(0);
      const headed = Date.now();
      expect(JSON.parse(headIo.out)).toEqual(JSON.parse(checkpoint));
      expect(headIo.err).toContain(`line ${lines + 1} of audit-2026-01-01.ndjson; 1 line after it`);
      console.info(
        `audit-large-file: ${lines} lines; write ${written - started} ms, verify ${verified - written} ms (rss +${Math.round((peak - baseline) / 1024 ** 2)} MB), tail ${tailed - verified} ms, head ${headed - tailed} ms`,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
