import { formatUtc } from "../shell/format-utc.js";
import { decisionTone } from "./badge-tone.js";
import type { GraphNode } from "./evidence-types.js";
import { graphNodeKind, graphNodeLabel } from "./graph-node-label.js";

/** One node of a custody tree and, nested below it, its children. */
export function CustodyNode({ node }: { readonly node: GraphNode }) {
  const { record } = node;
  return (
    <li>
      <div
        data-testid="custody-node"
        class={node.orphan === null ? "custody-node" : "custody-node orphan"}
        title={graphNodeLabel(node)}
      >
        <span class="custody-kind">{graphNodeKind(node)}</span>
        <span class={`badge ${decisionTone(record.decision)}`}>{record.decision ?? "no decision"}</span>
        <code>{record.tool_ref ?? "no tool"}</code>
        <span>
          <span class="muted">node </span>
          {record.node_id ?? "unknown"}
        </span>
        <span>
          <span class="muted">span </span>
          <code>{record.span_id}</code>
        </span>
        {record.ts !== null && <time dateTime={record.ts}>{formatUtc(record.ts)}</time>}
        <span class="muted">line {record.line}</span>
      </div>
      {node.children.length > 0 && (
        <ul aria-label={`Hops under span ${record.span_id}`}>
          {node.children.map((child) => (
            <CustodyNode key={`${child.record.object_key}#${child.record.line}`} node={child} />
          ))}
        </ul>
      )}
    </li>
  );
}
