import { readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { createFixedClock, createSeededKeyPair } from "@sec0/testkit";
import { describe, expect, it } from "vitest";
import { envelope, tempDir } from "./__fixtures__/helpers.js";
import { Sec0Appender } from "./appender.js";
import { sweepRetention } from "./retention.js";

const clock = createFixedClock(Date.UTC(2026, 0, 10, 8));
const line = (record: Record<string, unknown>) => `${JSON.stringify(record)}\n`;

async function seed(
  dir: string,
  dates: string[],
  record: Record<string, unknown> = { tool: "t" },
): Promise<void> {
  for (const date of dates) await writeFile(join(dir, `audit-${date}.ndjson`), line(record));
}

describe("retention", () => {
  it("removes day files older than retentionDays, never today's nor other files", async () => {
    const dir = await tempDir();
    await seed(dir, ["2026-01-01", "2026-01-02", "2026-01-03", "2026-01-09", "2026-01-10", "2026-01-11"]);
    await writeFile(join(dir, "notes.txt"), "keep");
    const { removed } = await sweepRetention({ dir, retentionDays: 7, clock });
    expect(removed.map((p) => p.slice(dir.length + 1))).toEqual([
      "audit-2026-01-01.ndjson",
      "audit-2026-01-02.ndjson",
    ]);
    expect((await readdir(dir)).sort()).toEqual([
      "audit-2026-01-03.ndjson",
      "audit-2026-01-09.ndjson",
      "audit-2026-01-10.ndjson",
      "audit-2026-01-11.ndjson",
      "notes.txt",
    ]);
    await sweepRetention({ dir, retentionDays: 1, clock });
    expect(await readdir(dir)).toContain("audit-2026-01-10.ndjson");
  });

  it("keeps a file as long as its longest-lived record class requires", async () => {
    const dir = await tempDir();
    await seed(dir, ["2026-01-01"], { tool: "t", policy: { retention: "pii" } });
    await seed(dir, ["2026-01-02"], { tool: "t", retention_class: "audit" });
    await seed(dir, ["2026-01-03"], { tool: "t" });
    const { removed } = await sweepRetention({
      dir,
      retentionDays: 5,
      retentionByClass: { pii: 3, audit: 400 },
      clock,
    });
    expect(removed.map((p) => p.slice(dir.length + 1))).toEqual([
      "audit-2026-01-01.ndjson",
      "audit-2026-01-03.ndjson",
    ]);
  });

  it("runs at appender start with the injected clock, sparing the open day", async () => {
    const dir = await tempDir();
    await seed(dir, ["2025-12-01"]);
    const appender = new Sec0Appender({
      config: { dir, retentionDays: 3 },
      signer: createSeededKeyPair().signer,
      clock,
    });
    await appender.append(envelope(1, "2026-01-10T09:00:00.000Z"));
    for (let i = 0; i < 50 && (await readdir(dir)).includes("audit-2025-12-01.ndjson"); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await appender.close();
    expect(await readdir(dir)).toEqual(["audit-2026-01-10.ndjson"]);
  });
});
