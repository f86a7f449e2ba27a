import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Signer } from "@sec0/core";
import { createFixedClock, createSeededKeyPair } from "@sec0/testkit";
import { beforeAll, describe, expect, it } from "vitest";
import { envelope, tempDir } from "./__fixtures__/helpers.js";
import { Sec0Appender } from "./appender.js";
import { checkFileAgainstWitness } from "./check-file-against-witness.js";

/** Writes `count` records (a checkpoint every 4 and at close) and returns the day file's lines. */
async function writeDayFile(signer: Signer, count: number): Promise<string[]> {
  const dir = await tempDir();
  const clock = createFixedClock(Date.UTC(2026, 0, 1, 12));
  const appender = new Sec0Appender({ config: { dir, checkpointEvery: 4 }, signer, clock });
  for (let i = 1; i <= count; i += 1) await appender.append(envelope(i));
  await appender.close();
  return (await readFile(join(dir, "audit-2026-01-01.ndjson"), "utf8")).split("\n").slice(0, -1);
}

describe("checkFileAgainstWitness", () => {
  let lines: string[];
  let heads: string[];
  beforeAll(async () => {
    lines = await writeDayFile(createSeededKeyPair("witness-pure").signer, 6);
    heads = lines.filter((line) => line.includes('"sec0.checkpoint"'));
  });
  const text = (ls: readonly string[]) => `${ls.join("\n")}\n`;

  it("finds the file consistent with every head it produced", () => {
    expect(heads.length).toBeGreaterThanOrEqual(2);
    const report = checkFileAgainstWitness(text(lines), heads);
    expect(report).toMatchObject({ status: "consistent", lines: lines.length, headsChecked: heads.length });
  });

  it("detects a cut tail: the file is shorter than a witnessed tree", () => {
    const last = JSON.parse(heads.at(-1) as string) as { tree_size: number };
    const report = checkFileAgainstWitness(text(lines.slice(0, last.tree_size - 1)), heads);
    expect(report.status).toBe("inconsistent");
    expect(report.mismatches.map((m) => m.code)).toContain("cut_tail");
  });

  it("detects rewritten history: the witnessed root is not reproducible", () => {
    const edited = [...lines];
    edited[1] = (edited[1] as string).replace('"allow"', '"deny"');
    const report = checkFileAgainstWitness(text(edited), heads);
    expect(report.status).toBe("inconsistent");
    expect(report.mismatches.every((m) => m.code === "rewritten")).toBe(true);
    expect(report.mismatches.length).toBe(heads.length);
  });

  it("accepts heads as served objects and ignores malformed ones", () => {
    const served = heads.map((line) => ({ line }));
    expect(checkFileAgainstWitness(text(lines), [...served, "not json"]).headsChecked).toBe(heads.length);
  });
});
