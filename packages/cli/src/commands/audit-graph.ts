import { relative } from "node:path";
import {
  type AuditDirReport,
  type AuditGraphNode,
  type AuditGraphRecord,
  type AuditGraphTree,
  buildAuditGraph,
  verifyAuditDir,
} from "@sec0/audit";
import type { Command } from "commander";
import type { CliContext } from "../cli-context.js";
import { formatAuditGraphDot } from "./audit-graph-dot.js";
import { readAuditGraphRecords } from "./audit-graph-records.js";
import { formatAuditGraphText } from "./audit-graph-text.js";
import { resolveAuditTarget } from "./audit-path.js";
import { auditCommand } from "./audit-verify.js";
import { VERIFY_EXIT_CODES } from "./audit-verify-report.js";
import { readVerifyKey, type VerifyKeyFlags } from "./verify-key-option.js";

/** Exit code when every directory verifies but a record names a parent that is not there. */
export const EXIT_ORPHANS = 6;

interface GraphOptions extends VerifyKeyFlags {
  readonly trace?: string;
  readonly json: boolean;
  readonly dot: boolean;
}

/** One directory's verification, as the graph reports it. */
interface DirVerification {
  readonly dir: string;
  readonly status: AuditDirReport["status"];
  readonly signaturesChecked: boolean;
  readonly files: number;
  readonly problem: AuditDirReport["problem"];
  /** Records without `trace_id` / `span_id`: verified, but not in the graph. */
  readonly untraced: number;
}

/**
 * Registers `sec0 audit graph <dir...> [--trace <id>] [--json | --dot] [--public-key <key|file>]
 * [--key-id <id>] [--key <key>]`: verifies each audit directory (keys taken as `sec0 audit
 * verify` takes them), joins the records of all of them into request trees (`parent_span_id`
 * within a trace, `cause_span_id` across traces and processes) and prints them as an indented
 * tree, JSON or a Graphviz digraph. Exits 0 when every directory is valid and every record that
 * names a parent has it; a directory that does not verify exits with `sec0 audit verify`'s code
 * for its status (1 tampered or damaged, 2 no key given, 3 empty, 4 not from genesis,
 * 5 unattested; 1 first when any is tampered); else 6 when there are orphans.
 *
 * @throws {Sec0Error} `AUDIT_PATH_NOT_FOUND`, `AUDIT_VERIFY_KEY_*`, `SIGNER_*`.
 * @example
 * registerAuditGraphCommand(program, context); // sec0 audit graph a/.sec0 b/.sec0 --public-key audit.pub
 */
export function registerAuditGraphCommand(program: Command, context: CliContext): void {
  auditCommand(program)
    .command("graph")
    .description("verify audit directories and print the request graph across their hops as a tree")
    .argument("<dir...>", "audit directories (e.g. .sec0) whose records join into one graph")
    .option("--trace <id>", "keep only the tree(s) holding this trace id")
    .option(
      "--public-key <key|file>",
      "the public key pinned outside the logs: base64, hex, PEM, or a file of one",
    )
    .option("--key-id <id>", "the pinned key id (ed25519:<hex>): the key given must have it")
    .option("--key <key>", "a public key, or a file:// / env:// private key ref (warns: prefer --public-key)")
    .option("--json", "print { trees, orphans, verification } as JSON", false)
    .option("--dot", "print a Graphviz digraph (verification and orphans go to stderr)", false)
    .action(async (dirs: string[], options: GraphOptions, command: Command) => {
      if (options.json && options.dot) command.error("error: pass one of --json and --dot, not both");
      const { io } = context;
      const keyContext = onceContext(context);
      const verification: DirVerification[] = [];
      const records: AuditGraphRecord[] = [];
      for (const dir of dirs) {
        const target = await resolveAuditTarget("sec0 audit graph", io.cwd, dir, true);
        const publicKey = readVerifyKey(options, target.path, keyContext);
        const report = await verifyAuditDir(target.path, { publicKey });
        const read = await readAuditGraphRecords(target.path, (path) => relative(io.cwd, path) || path);
        records.push(...read.records);
        verification.push({
          dir,
          status: report.status,
          signaturesChecked: report.signaturesChecked,
          files: report.files.length,
          problem: report.problem,
          untraced: read.untraced,
        });
      }
      const trees = buildAuditGraph(records).filter(
        (tree) => options.trace === undefined || tree.traceIds.includes(options.trace),
      );
      const orphans = trees.filter((tree) => tree.root.orphan !== undefined).map((tree) => tree.root);
      if (options.json) {
        io.stdout(
          `${JSON.stringify({ trees: trees.map(treeJson), orphans: orphans.map(orphanJson), verification }, null, 2)}\n`,
        );
      } else {
        const note = options.dot ? io.stderr : io.stdout;
        for (const dir of verification) note(`${verificationLine(dir)}\n`);
        if (options.dot) io.stdout(formatAuditGraphDot(trees));
        else io.stdout(formatAuditGraphText(trees));
        note(`${summaryLine(trees, orphans.length)}\n`);
      }
      if (options.trace !== undefined && trees.length === 0) {
        io.stderr(`note: no tree holds trace ${options.trace}\n`);
      }
      context.exitCode = exitCodeOf(verification, orphans.length);
    });
}

/** Verification first (tampered before the rest, in `sec0 audit verify`'s codes), then orphans. */
function exitCodeOf(verification: readonly DirVerification[], orphans: number): number {
  if (verification.some((dir) => dir.status === "invalid")) return VERIFY_EXIT_CODES.invalid;
  const failed = verification.find((dir) => dir.status !== "valid");
  if (failed !== undefined) return VERIFY_EXIT_CODES[failed.status];
  return orphans > 0 ? EXIT_ORPHANS : 0;
}

function verificationLine(dir: DirVerification): string {
  if (dir.status === "valid") {
    return `ok   ${dir.dir}: valid, ${dir.files} file(s)${dir.untraced > 0 ? `, ${dir.untraced} record(s) without trace_id/span_id` : ""}`;
  }
  const exit = `(exit ${VERIFY_EXIT_CODES[dir.status]}; sec0 audit verify ${dir.dir} says more)`;
  if (dir.problem !== undefined) {
    const { path, line, code, message } = dir.problem;
    return `FAIL ${dir.dir}: ${dir.status}: ${path} line ${line}: ${code}: ${message} ${exit}`;
  }
  if (!dir.signaturesChecked)
    return `FAIL ${dir.dir}: no key given: signatures not checked (pass --public-key) ${exit}`;
  return `FAIL ${dir.dir}: ${dir.status} ${exit}`;
}

function summaryLine(trees: readonly AuditGraphTree[], orphans: number): string {
  const hops = trees.reduce((sum, tree) => sum + sizeOf(tree.root), 0);
  const tail = orphans > 0 ? `, ${orphans} orphan(s) (exit ${EXIT_ORPHANS} when the logs verify)` : "";
  return `${trees.length} tree(s), ${hops} hop(s)${tail}`;
}

function sizeOf(node: AuditGraphNode): number {
  return node.children.reduce((sum, child) => sum + sizeOf(child), 1);
}

function treeJson(tree: AuditGraphTree): Record<string, unknown> {
  return { trace_ids: tree.traceIds, root: nodeJson(tree.root) };
}

function nodeJson(node: AuditGraphNode): Record<string, unknown> {
  return {
    ...node.record.fields,
    source: node.record.source,
    via: node.via,
    ...(node.orphan === undefined ? {} : { orphan: node.orphan }),
    children: node.children.map(nodeJson),
  };
}

function orphanJson(node: AuditGraphNode): Record<string, unknown> {
  const { record } = node;
  return {
    trace_id: record.traceId,
    span_id: record.spanId,
    parent_span_id: record.parentSpanId ?? null,
    cause_trace_id: record.causeTraceId ?? null,
    cause_span_id: record.causeSpanId ?? null,
    reason: node.orphan,
    source: record.source,
  };
}

/** The context with each distinct stderr message printed once: the key is read once per directory. */
function onceContext(context: CliContext): CliContext {
  const said = new Set<string>();
  const io = {
    ...context.io,
    stderr: (text: string) => {
      if (said.has(text)) return;
      said.add(text);
      context.io.stderr(text);
    },
  };
  return { io, exitCode: context.exitCode };
}
