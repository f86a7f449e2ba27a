import { readFile } from "node:fs/promises";
import { createSeededKeyPair } from "@sec0/testkit";
import { describe, expect, it } from "vitest";
import { tempDir } from "./__fixtures__/helpers.js";
import { hasDist, runAndKill } from "./__fixtures__/run-and-kill.js";
import { Sec0Appender } from "./appender.js";
import { listDayFiles } from "./day-file.js";
import { REPAIR_TYPE, UNATTESTED_REASON } from "./record.js";
import { verifyAuditDir } from "./verify-dir.js";

const keys = createSeededKeyPair("audit-crash");
const ITERATIONS = 6;

describe.skipIf(!hasDist)('crash safety in signing: "checkpoint" (SIGKILL)', () => {
  it("keeps every acknowledged append and reports the lines no checkpoint sealed as unattested", async () => {
    const dir = await tempDir();
    const acknowledged = new Set<number>();
    let next = 0;
    for (let iteration = 0; iteration < ITERATIONS; iteration += 1) {
      const killAfterMs = 20 + Math.floor(Math.random() * 300);
      for (const n of await runAndKill(dir, next, killAfterMs, "checkpoint")) acknowledged.add(n);
      next += 1_000_000;
    }
    expect(acknowledged.size).toBeGreaterThan(0);
    // Restart in-process: names the unsigned tail the last kill left, then seals the file.
    const appender = new Sec0Appender({ config: { dir, signing: "checkpoint" }, signer: keys.signer });
    await appender.append({ n: -1, tool: "after-crash@1.0" });
    await appender.close();

    const written = new Set<number>();
    let named = 0;
    for (const file of await listDayFiles(dir)) {
      for (const line of (await readFile(file.path, "utf8")).split("\n")) {
        if (line === "") continue;
        const record = JSON.parse(line) as {
          n?: number;
          type?: string;
          reason?: string;
          unattested_lines?: number;
        };
        if (typeof record.n === "number") written.add(record.n);
        if (record.type === REPAIR_TYPE && record.reason === UNATTESTED_REASON) {
          named += record.unattested_lines ?? 0;
        }
      }
    }
    expect([...acknowledged].filter((n) => !written.has(n))).toEqual([]);
    const report = await verifyAuditDir(dir, { publicKey: keys.publicKey });
    expect(report.problem).toBeUndefined();
    const unattested = report.files.reduce((sum, f) => sum + f.unattestedLines, 0);
    expect(unattested).toBe(named);
    // A kill lands between two checkpoints (every 50 lines) practically always.
    expect(named).toBeGreaterThan(0);
    // Never a silent `valid` while unattested lines are there.
    expect(report.status).toBe(unattested > 0 ? "unattested" : "valid");
    expect(report.files.every((f) => f.signing === "checkpoint" || f.signing === "empty")).toBe(true);
  }, 60_000);
});
