// Day files written by the real Sec0Appender, for upload and witness tests.
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Sec0Appender } from "@sec0/audit";
import type { Signer } from "@sec0/core";
import { createFixedClock } from "@sec0/testkit";

/** The day every fixture writes. */
export const DAY = "2026-01-01";

/** A fresh temporary directory. */
export const tempDir = (label: string) => mkdtemp(join(tmpdir(), `sec0-cp-${label}-`));

/** An envelope shaped like a middleware audit row. */
export function envelope(i: number): Record<string, unknown> {
  return {
    ts: new Date(Date.UTC(2026, 0, 1, 12, 0, i)).toISOString(),
    trace_id: `${i}`.padStart(32, "0"),
    tenant: "acme",
    tool: "read_file@1.0",
    tool_ref: "files read_file@1.0",
    nodeId: i % 2 === 0 ? "planner" : "writer",
    agentRef: "run-1",
    policy: { decision: i === 3 ? "deny" : "allow" },
  };
}

/**
 * Writes `count` records (`make(1)`… , default {@link envelope}; a checkpoint every 4 and at
 * close) and returns the file's lines.
 */
export async function writeDayFile(
  signer: Signer,
  count: number,
  make: (i: number) => Record<string, unknown> = envelope,
): Promise<string[]> {
  const dir = await tempDir("day");
  const appender = new Sec0Appender({
    config: { dir, checkpointEvery: 4 },
    signer,
    clock: createFixedClock(Date.UTC(2026, 0, 1, 12)),
  });
  for (let i = 1; i <= count; i += 1) await appender.append(make(i));
  await appender.close();
  const text = await readFile(join(dir, `audit-${DAY}.ndjson`), "utf8");
  return text.split("\n").slice(0, -1);
}
