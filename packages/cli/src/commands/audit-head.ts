import { basename } from "node:path";
import { readAuditHead } from "@sec0/audit";
import { Sec0Error } from "@sec0/core";
import type { Command } from "commander";
import type { CliContext } from "../cli-context.js";
import { resolveAuditTarget } from "./audit-path.js";
import { auditCommand } from "./audit-verify.js";

/**
 * Registers `sec0 audit head <dir>`: prints the log's latest signed checkpoint as JSON (stdout
 * only, so `> head.json` saves it). Kept elsewhere, it later proves with
 * `sec0 audit verify <dir> --known-head head.json` that nothing up to it was cut or rewritten.
 *
 * @throws {Sec0Error} `AUDIT_PATH_NOT_FOUND`, `AUDIT_HEAD_NOT_FOUND`, `AUDIT_HEAD_INVALID`.
 * @example
 * registerAuditHeadCommand(program, context); // sec0 audit head .sec0 > head.json
 */
export function registerAuditHeadCommand(program: Command, context: CliContext): void {
  auditCommand(program)
    .command("head")
    .description("print the latest signed checkpoint of an audit log as JSON, to keep elsewhere")
    .argument("<dir>", "the audit directory (e.g. .sec0)")
    .action(async (dir: string) => {
      const { io } = context;
      const target = await resolveAuditTarget("sec0 audit head", io.cwd, dir, true);
      const reading = await readAuditHead(target.path);
      if (reading === undefined) {
        throw new Sec0Error(
          "AUDIT_HEAD_NOT_FOUND",
          `sec0 audit head: no checkpoint in ${target.path} yet. The appender writes one every 1000 lines, ` +
            "every minute with new lines, at midnight and when it closes; run this again after that.",
          { details: { path: target.path } },
        );
      }
      io.stdout(`${JSON.stringify(reading.head, null, 2)}\n`);
      if (reading.linesAfter > 0) {
        const lines =
          reading.linesAfter === 1 ? "1 line after it is" : `${reading.linesAfter} lines after it are`;
        io.stderr(
          `sec0 audit head: this is line ${reading.line} of ${basename(reading.path)}; ${lines} not covered ` +
            "yet (the next checkpoint covers them).\n",
        );
      }
      context.exitCode = 0;
    });
}
