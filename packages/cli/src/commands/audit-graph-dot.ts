import type { AuditGraphNode, AuditGraphTree } from "@sec0/audit";
import { auditGraphLabel } from "./audit-graph-label.js";

/**
 * The trees as a Graphviz digraph: one box per hop (id `"<trace_id>/<span_id>"`, `#2`… for a
 * repeated pair; orphans red), a solid edge for `parent_span_id`, a dashed `cause` edge for
 * `cause_span_id`.
 *
 * @example
 * io.stdout(formatAuditGraphDot(trees)); // | dot -Tsvg > graph.svg
 */
export function formatAuditGraphDot(trees: readonly AuditGraphTree[]): string {
  const lines = ["digraph sec0_audit {", "  rankdir=TB;", '  node [shape=box, fontname="monospace"];'];
  const seen = new Map<string, number>();
  const idOf = (node: AuditGraphNode): string => {
    const base = `${node.record.traceId}/${node.record.spanId}`;
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count === 1 ? base : `${base}#${count}`;
  };
  const visit = (node: AuditGraphNode, id: string): void => {
    const color = node.orphan === undefined ? "" : ", color=red";
    lines.push(`  ${quote(id)} [label=${quote(auditGraphLabel(node.record))}${color}];`);
    for (const child of node.children) {
      const childId = idOf(child);
      const style = child.via === "cause" ? ' [style=dashed, label="cause"]' : "";
      lines.push(`  ${quote(id)} -> ${quote(childId)}${style};`);
      visit(child, childId);
    }
  };
  for (const tree of trees) visit(tree.root, idOf(tree.root));
  lines.push("}");
  return `${lines.join("\n")}\n`;
}

function quote(text: string): string {
  return `"${text.replaceAll("\\", "\\\\").replaceAll('"', '\\"').replaceAll("\n", "\\n")}"`;
}
