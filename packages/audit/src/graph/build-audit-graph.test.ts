import { describe, expect, it } from "vitest";
import type { AuditGraphRecord } from "./audit-graph-record.js";
import { type AuditGraphNode, buildAuditGraph } from "./build-audit-graph.js";

let line = 0;
function record(
  traceId: string,
  spanId: string,
  ids: { parent?: string; causeTrace?: string; cause?: string; ts?: number } = {},
): AuditGraphRecord {
  line += 1;
  return {
    fields: { trace_id: traceId, span_id: spanId },
    traceId,
    spanId,
    parentSpanId: ids.parent,
    causeTraceId: ids.causeTrace,
    causeSpanId: ids.cause,
    tsMs: ids.ts ?? line,
    source: { file: "audit.ndjson", line },
  };
}

function shape(node: AuditGraphNode): unknown {
  return { span: node.record.spanId, via: node.via, orphan: node.orphan, children: node.children.map(shape) };
}

describe("buildAuditGraph", () => {
  it("falls back to cause_span_id when parent_span_id is not in the trace, in any trace", () => {
    const trees = buildAuditGraph([
      record("t1", "gw"),
      record("t2", "mw", { parent: "gone", cause: "gw" }),
      record("t3", "x", { causeTrace: "t9", cause: "mw" }),
    ]);
    expect(trees).toHaveLength(1);
    expect(trees[0]?.traceIds).toEqual(["t1", "t2", "t3"]);
    expect(shape(trees[0]?.root as AuditGraphNode)).toEqual({
      span: "gw",
      via: "root",
      orphan: undefined,
      children: [
        {
          span: "mw",
          via: "cause",
          orphan: undefined,
          children: [{ span: "x", via: "cause", orphan: undefined, children: [] }],
        },
      ],
    });
  });

  it("never takes a parent_span_id from another trace, and marks a missing cause as an orphan", () => {
    const trees = buildAuditGraph([
      record("t1", "a"),
      record("t2", "b", { parent: "a" }),
      record("t3", "c", { cause: "z" }),
    ]);
    expect(trees.map((tree) => [tree.root.record.spanId, tree.root.orphan])).toEqual([
      ["a", undefined],
      ["b", "parent_not_found"],
      ["c", "parent_not_found"],
    ]);
  });

  it("orders roots and children by ts, not by read order", () => {
    const trees = buildAuditGraph([
      record("t", "late-child", { parent: "root", ts: 30 }),
      record("t", "root", { ts: 10 }),
      record("t", "early-child", { parent: "root", ts: 20 }),
      record("u", "first", { ts: 5 }),
    ]);
    expect(trees.map((tree) => tree.root.record.spanId)).toEqual(["first", "root"]);
    expect(trees[1]?.root.children.map((child) => child.record.spanId)).toEqual([
      "early-child",
      "late-child",
    ]);
  });

  it("cuts a loop of parents at one record, which becomes an orphan root", () => {
    const trees = buildAuditGraph([record("t", "a", { parent: "b" }), record("t", "b", { parent: "a" })]);
    expect(trees).toHaveLength(1);
    expect(trees[0]?.root.orphan).toBe("cycle");
    expect(trees[0]?.root.children).toHaveLength(1);
  });

  it("does not make a record its own parent", () => {
    const trees = buildAuditGraph([record("t", "a", { parent: "a" })]);
    expect(trees[0]?.root.orphan).toBe("parent_not_found");
  });
});
