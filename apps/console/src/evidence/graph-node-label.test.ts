import { describe, expect, it } from "vitest";
import type { GraphNode } from "./evidence-types.js";
import { countGraphNodes, graphNodeKind, graphNodeLabel } from "./graph-node-label.js";

const record = (span: string, extra: Partial<GraphNode["record"]> = {}): GraphNode["record"] => ({
  object_key: "tenants/acme/audit-2025-01-02.ndjson",
  line: 1,
  ts: "2025-01-02T03:04:05.000Z",
  node_id: "writer",
  tool_ref: "files read_file@1.0",
  decision: "allow",
  span_id: span,
  parent_span_id: null,
  cause_span_id: null,
  trace_id: "ab".repeat(16),
  layer: null,
  ...extra,
});

const child: GraphNode = {
  record: record("span-2", { layer: "gateway", parent_span_id: "span-1", decision: null, node_id: null }),
  via: "parent",
  orphan: null,
  children: [],
};
const root: GraphNode = { record: record("span-1"), via: "root", orphan: null, children: [child] };

describe("graphNodeKind", () => {
  it("names the layer and the join", () => {
    expect(graphNodeKind(root)).toBe("audit hop · root");
    expect(graphNodeKind(child)).toBe("gateway hop · child of parent span");
    expect(graphNodeKind({ ...child, via: "cause" })).toBe("gateway hop · caused by another span");
  });

  it("calls out an orphan", () => {
    expect(graphNodeKind({ ...root, orphan: "parent_not_found" })).toBe(
      "audit hop · orphan (parent not found)",
    );
  });
});

describe("graphNodeLabel", () => {
  it("lists tool, decision, node and span", () => {
    expect(graphNodeLabel(root)).toBe(
      "audit hop · root: files read_file@1.0, allow, node writer, span span-1",
    );
    expect(graphNodeLabel(child)).toBe(
      "gateway hop · child of parent span: files read_file@1.0, no decision, node unknown, span span-2",
    );
  });
});

describe("countGraphNodes", () => {
  it("counts the root and every descendant", () => {
    expect(countGraphNodes(root)).toBe(2);
    expect(countGraphNodes(child)).toBe(1);
  });
});
