// The middleware-only demo (`pnpm --filter @sec0/demo start:middleware`): the table's decisions are the audit record's words, the audit log
// verifies, and the temporary workspace is gone afterwards (kept only with --keep).
import { spawnSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const DEMO = join(import.meta.dirname, "middleware-demo.mjs");
const AUDIT_DECISIONS = new Set(["allow", "deny", "escalate", "redact", "would_deny"]);

function runDemo(args: readonly string[] = []) {
  const result = spawnSync(process.execPath, [DEMO, ...args], { encoding: "utf8", timeout: 60_000 });
  const workspace = /workspace (\S+)/.exec(result.stdout)?.[1];
  const rows = result.stdout
    .split("\n")
    .filter((line) => /^\| \d+ /.test(line))
    .map((line) => line.split("|").map((cell) => cell.trim()));
  return { ...result, workspace, rows };
}

describe("pnpm demo", () => {
  it("prints the audit record's decision for every call and removes its workspace", () => {
    const run = runDemo();
    expect(run.status, run.stderr).toBe(0);
    expect(run.rows).toHaveLength(9);
    for (const row of run.rows) expect(AUDIT_DECISIONS, row.join("|")).toContain(row[4]);
    // The withheld output is a deny in the audit record, not a word of the demo's own.
    expect(run.rows[2]?.slice(3, 6)).toEqual(["fetch_page", "deny", "agent_guard_failed"]);
    expect(run.stdout).toContain("valid: 1 file(s)");
    expect(run.workspace).toBeDefined();
    expect(existsSync(run.workspace ?? "")).toBe(false);
  }, 90_000);

  it("keeps the workspace with --keep", () => {
    const run = runDemo(["--keep"]);
    try {
      expect(run.status, run.stderr).toBe(0);
      expect(existsSync(join(run.workspace ?? "", ".sec0"))).toBe(true);
      expect(run.stdout).toContain("audit tail");
    } finally {
      if (run.workspace !== undefined) rmSync(run.workspace, { recursive: true, force: true });
    }
  }, 90_000);
});
