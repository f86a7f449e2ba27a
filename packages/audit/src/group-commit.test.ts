import { statSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { createSeededKeyPair } from "@sec0/testkit";
import { describe, expect, it } from "vitest";
import { envelope, readLines, tempDir } from "./__fixtures__/helpers.js";
import { Sec0Appender } from "./appender.js";

const keys = createSeededKeyPair("audit-group-commit");
const day1 = (dir: string) => join(dir, "audit-2026-01-01.ndjson");
const settledWithin = (promise: Promise<void>, ms: number) =>
  Promise.race([promise.then(() => true), new Promise<boolean>((resolve) => setTimeout(resolve, ms, false))]);

describe("Sec0Appender group commit (durability batch)", () => {
  it("writes a line to the OS by the end of the turn and resolves it when its group is synced, after the delay", async () => {
    const dir = await tempDir();
    const appender = new Sec0Appender({ config: { dir, syncDelayMs: 60_000 }, signer: keys.signer });
    await appender.append(envelope(1), { urgent: true });
    const second = appender.append(envelope(2));
    await new Promise(setImmediate);
    // Written one turn later, unsynced: a crash of this process now loses nothing.
    expect((await readFile(day1(dir), "utf8")).split("\n").filter(Boolean)).toHaveLength(2);
    expect(await settledWithin(second, 100)).toBe(false);
    // flush (and close) do not wait out the delay.
    await appender.flush();
    expect(await settledWithin(second, 1000)).toBe(true);
    await appender.close();
  });

  it("writes the lines of a turn that never yields once they pass 256 KiB, not at the turn's end", async () => {
    const dir = await tempDir();
    const appender = new Sec0Appender({
      config: { dir, syncDelayMs: 60_000, signing: "checkpoint", checkpointEvery: 100_000 },
      signer: keys.signer,
    });
    await appender.append(envelope(1), { urgent: true });
    const before = (await stat(day1(dir))).size;
    const padding = "x".repeat(1024);
    const appends = Array.from({ length: 600 }, (_, i) => appender.append({ ...envelope(i + 2), padding }));
    // Microtasks only: no setImmediate (the end of the turn) has run yet.
    for (let i = 0; i < 50; i += 1) await Promise.resolve();
    expect(statSync(day1(dir)).size - before).toBeGreaterThanOrEqual(256 * 1024);
    await appender.close();
    await Promise.all(appends);
    expect(await readLines(day1(dir))).toHaveLength(602); // 601 records and the closing checkpoint
  });

  it("syncs an append whose caller waits for it without the delay", async () => {
    const dir = await tempDir();
    const appender = new Sec0Appender({ config: { dir, syncDelayMs: 60_000 }, signer: keys.signer });
    expect(await settledWithin(appender.append(envelope(1), { urgent: true }), 2000)).toBe(true);
    const lazy = appender.append(envelope(2));
    // An urgent append also makes the earlier lines of its group durable.
    expect(await settledWithin(appender.append(envelope(3), { urgent: true }), 2000)).toBe(true);
    expect(await settledWithin(lazy, 0)).toBe(true);
    await appender.close();
    expect(await readLines(day1(dir))).toHaveLength(4); // three records and the closing checkpoint
  });

  it("resolves lazy appends once the delay has passed", async () => {
    const dir = await tempDir();
    const appender = new Sec0Appender({ config: { dir, syncDelayMs: 20 }, signer: keys.signer });
    const appends = Array.from({ length: 50 }, (_, i) => appender.append(envelope(i + 1)));
    expect(
      await settledWithin(
        Promise.all(appends).then(() => undefined),
        2000,
      ),
    ).toBe(true);
    await appender.close();
  });

  it("rejects a syncDelayMs that is not a whole number of milliseconds ≥ 0", async () => {
    const dir = await tempDir();
    for (const syncDelayMs of [-1, 1.5, Number.NaN]) {
      expect(() => new Sec0Appender({ config: { dir, syncDelayMs }, signer: keys.signer })).toThrow(
        expect.objectContaining({ code: "AUDIT_CONFIG_INVALID", details: { field: "syncDelayMs" } }),
      );
    }
  });
});
