import type { AuditGraphNode, AuditGraphTree } from "@sec0/audit";
import { auditGraphLabel } from "./audit-graph-label.js";

/**
 * The trees as indented text: a `trace <ids>` header per tree, then one line per hop with
 * `├─` / `└─` connectors. A hop joined by `cause_span_id` (another process) is marked `(cause)`;
 * an orphan root is marked `ORPHAN` with the id it names.
 *
 * @example
 * io.stdout(formatAuditGraphText(trees));
 */
export function formatAuditGraphText(trees: readonly AuditGraphTree[]): string {
  const lines: string[] = [];
  for (const tree of trees) {
    lines.push(`${tree.traceIds.length > 1 ? "traces" : "trace"} ${tree.traceIds.join(", ")}`);
    lines.push(nodeLine(tree.root));
    pushChildren(tree.root, "", lines);
  }
  return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
}

function pushChildren(node: AuditGraphNode, indent: string, lines: string[]): void {
  node.children.forEach((child, index) => {
    const last = index === node.children.length - 1;
    lines.push(`${indent}${last ? "└─ " : "├─ "}${nodeLine(child)}`);
    pushChildren(child, `${indent}${last ? "   " : "│  "}`, lines);
  });
}

function nodeLine(node: AuditGraphNode): string {
  const { record } = node;
  const mark =
    node.orphan === "cycle"
      ? "ORPHAN (parent loop cut here) "
      : node.orphan === "parent_not_found"
        ? `ORPHAN (${record.parentSpanId !== undefined ? `parent_span_id ${record.parentSpanId}` : `cause_span_id ${record.causeSpanId}`} not found) `
        : node.via === "cause"
          ? "(cause) "
          : "";
  return `${mark}${auditGraphLabel(record)}`;
}
