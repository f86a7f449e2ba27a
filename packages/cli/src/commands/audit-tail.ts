import { listDayFiles } from "@sec0/audit";
import { Sec0Error } from "@sec0/core";
import type { Command } from "commander";
import type { CliContext } from "../cli-context.js";
import { stripTerminalControls } from "../strip-terminal-controls.js";
import { resolveAuditTarget } from "./audit-path.js";
import { auditCommand } from "./audit-verify.js";
import { readLastLines } from "./read-last-lines.js";

const COLUMNS = ["time", "node", "tool", "decision", "reasons"] as const;

/**
 * Registers `sec0 audit tail <dir|file> [-n N]`: prints the last N audit records of the audit
 * directory (across its day files) or of one day file, as a table of time, node, tool, decision
 * and reasons (newest last), with terminal escape sequences and control characters removed. It
 * reads each file backwards from its end, so a day file of any size is tailed fast; it does not
 * verify.
 *
 * @throws {Sec0Error} `AUDIT_PATH_NOT_FOUND`, `AUDIT_TAIL_COUNT_INVALID`.
 * @example
 * registerAuditTailCommand(program, context); // sec0 audit tail .sec0 -n 20
 */
export function registerAuditTailCommand(program: Command, context: CliContext): void {
  auditCommand(program)
    .command("tail")
    .description("print the latest audit records as a table")
    .argument("<path>", "the audit directory (e.g. .sec0) or one audit-YYYY-MM-DD.ndjson file")
    .option("-n, --lines <n>", "how many records", "20")
    .action(async (path: string, options: { lines: string }) => {
      const count = Number(options.lines);
      if (!Number.isSafeInteger(count) || count < 1) {
        throw new Sec0Error(
          "AUDIT_TAIL_COUNT_INVALID",
          `sec0 audit tail -n must be a whole number ≥ 1; got "${options.lines}".`,
        );
      }
      const target = await resolveAuditTarget("sec0 audit tail", context.io.cwd, path);
      const files =
        target.kind === "dir" ? (await listDayFiles(target.path)).map((f) => f.path) : [target.path];
      const rows = await lastRecords(files, count);
      context.io.stdout(formatTable(rows.map(toRow)));
      context.exitCode = 0;
    });
}

/** The last `count` records of `files` (oldest file first), oldest record first. */
async function lastRecords(files: readonly string[], count: number): Promise<Array<Record<string, unknown>>> {
  const collected: Array<Record<string, unknown>> = [];
  for (const file of [...files].reverse()) {
    for (const line of await readLastLines(file, count - collected.length)) {
      try {
        collected.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        collected.push({ tool: "(unparseable line)" });
      }
    }
    if (collected.length >= count) break;
  }
  return collected.reverse();
}

function toRow(record: Record<string, unknown>): string[] {
  const policy = (typeof record.policy === "object" && record.policy !== null ? record.policy : {}) as Record<
    string,
    unknown
  >;
  if (record.type === "sec0.checkpoint")
    return [text(record.ts), "", "(checkpoint)", "", `tree_size=${text(record.tree_size)}`];
  if (record.type === "sec0.repair") return [text(record.ts), "", "(repair)", "", text(record.reason)];
  const reasons =
    record.reasons ?? record.decision_reason ?? policy.reason ?? record.denial_reason ?? policy.violation;
  return [
    text(record.ts),
    text(record.nodeId ?? record.node_id ?? record.node_type),
    text(record.tool_ref ?? record.tool ?? record.target_tool),
    text(policy.decision ?? record.decision),
    Array.isArray(reasons) ? reasons.map(text).join(", ") : text(reasons),
  ];
}

/** One cell: inert (a record's text may come from a hostile tool or client), on one line, ≤ 80 chars. */
function text(value: unknown): string {
  if (value === undefined || value === null) return "";
  const raw = typeof value === "string" ? value : JSON.stringify(value);
  return stripTerminalControls(raw).replace(/\s+/g, " ").slice(0, 80);
}

function formatTable(rows: string[][]): string {
  const all = [[...COLUMNS], ...rows];
  const widths = COLUMNS.map((_, column) => Math.max(...all.map((row) => (row[column] ?? "").length)));
  return all
    .map(
      (row) =>
        `${row
          .map((cell, column) => cell.padEnd(widths[column] ?? 0))
          .join("  ")
          .trimEnd()}\n`,
    )
    .join("");
}
