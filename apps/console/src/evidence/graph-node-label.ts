import type { GraphNode } from "./evidence-types.js";

/**
 * What kind of hop a node is: its layer (or `hop`) and how it joins its parent.
 *
 * @example
 * graphNodeKind(node); // "gateway hop · child of parent span"
 */
export function graphNodeKind(node: GraphNode): string {
  const layer = node.record.layer ?? "audit";
  const join =
    node.orphan !== null
      ? `orphan (${node.orphan.replaceAll("_", " ")})`
      : node.via === "root"
        ? "root"
        : node.via === "parent"
          ? "child of parent span"
          : "caused by another span";
  return `${layer} hop · ${join}`;
}

/**
 * The one-line label of a custody node, for its list item and screen readers: kind, tool,
 * decision, node and span.
 *
 * @example
 * graphNodeLabel(node); // "audit hop · root: files read_file@1.0, allow, node writer, span span-1"
 */
export function graphNodeLabel(node: GraphNode): string {
  const { record } = node;
  const parts = [
    record.tool_ref ?? "no tool",
    record.decision ?? "no decision",
    `node ${record.node_id ?? "unknown"}`,
    `span ${record.span_id}`,
  ];
  return `${graphNodeKind(node)}: ${parts.join(", ")}`;
}

/**
 * How many nodes a tree holds (its root included).
 *
 * @example
 * countGraphNodes(tree.root); // 3
 */
export function countGraphNodes(node: GraphNode): number {
  return node.children.reduce((total, child) => total + countGraphNodes(child), 1);
}
