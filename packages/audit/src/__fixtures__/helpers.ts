import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A fresh temporary directory for one test. */
export function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), "sec0-audit-"));
}

/** The complete lines of a file, without newlines. */
export async function readLines(path: string): Promise<string[]> {
  const text = await readFile(path, "utf8");
  return text.split("\n").filter((line) => line !== "");
}

/** Parsed records of a file. */
export async function readRecords(path: string): Promise<Array<Record<string, unknown>>> {
  return (await readLines(path)).map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** An envelope shaped like a middleware audit row. */
export function envelope(i: number, ts = "2026-01-01T12:00:00.000Z"): Record<string, unknown> {
  return {
    ts,
    trace_id: `${i}`.padStart(32, "0"),
    span_id: `${i}`.padStart(16, "0"),
    tenant: "acme",
    server: "files",
    tool: "read_file@1.0",
    nodeId: "planner",
    status: "ok",
    latency_ms: i,
    policy: { decision: "allow", retention: "standard" },
    input_sha256: "ab".repeat(32),
  };
}
