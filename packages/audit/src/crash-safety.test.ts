import { readFile } from "node:fs/promises";
import { createSeededKeyPair } from "@sec0/testkit";
import { describe, expect, it } from "vitest";
import { tempDir } from "./__fixtures__/helpers.js";
import { hasDist, runAndKill } from "./__fixtures__/run-and-kill.js";
import { Sec0Appender } from "./appender.js";
import { listDayFiles } from "./day-file.js";
import { REPAIR_TYPE } from "./record.js";
import { verifyAuditDir } from "./verify-dir.js";

const keys = createSeededKeyPair("audit-crash");
const ITERATIONS = 15;

describe.skipIf(!hasDist)("crash safety (child process killed with SIGKILL)", () => {
  it("keeps every acknowledged append, repairs torn tails and stays verifiable", async () => {
    const dir = await tempDir();
    const acknowledged = new Set<number>();
    let next = 0;
    for (let iteration = 0; iteration < ITERATIONS; iteration += 1) {
      const killAfterMs = 20 + Math.floor(Math.random() * 300);
      const acks = await runAndKill(dir, next, killAfterMs, "per_record");
      for (const n of acks) acknowledged.add(n);
      next += 1_000_000;
    }
    expect(acknowledged.size).toBeGreaterThan(0);
    // Restart once more in-process: this cuts a torn tail left by the last kill, if any.
    const appender = new Sec0Appender({ config: { dir }, signer: keys.signer });
    await appender.append({ n: -1, tool: "after-crash@1.0" });
    await appender.close();

    const written = new Set<number>();
    let repairs = 0;
    for (const file of await listDayFiles(dir)) {
      for (const line of (await readFile(file.path, "utf8")).split("\n")) {
        if (line === "") continue;
        const record = JSON.parse(line) as { n?: number; type?: string };
        if (typeof record.n === "number") written.add(record.n);
        if (record.type === REPAIR_TYPE) repairs += 1;
      }
    }
    const lost = [...acknowledged].filter((n) => !written.has(n));
    expect(lost).toEqual([]);
    const report = await verifyAuditDir(dir, { publicKey: keys.publicKey });
    expect(report.problem).toBeUndefined();
    expect(report.status).toBe("valid");
    expect(report.files.reduce((sum, f) => sum + f.repairs, 0)).toBe(repairs);
  }, 60_000);
});
