import type { AuditGraphRecord } from "./audit-graph-record.js";

/** Why a record that names a parent hangs from nothing. */
export type AuditGraphOrphanReason = "parent_not_found" | "cycle";

/** One hop of the graph: its record, how it joins its parent, and its children in `ts` order. */
export interface AuditGraphNode {
  readonly record: AuditGraphRecord;
  /** `parent`: same trace, by `parent_span_id`; `cause`: by `cause_span_id`, from any trace. */
  readonly via: "root" | "parent" | "cause";
  /** Set on a root that named a parent it could not be joined to. */
  readonly orphan: AuditGraphOrphanReason | undefined;
  readonly children: AuditGraphNode[];
}

/** One tree: the traces it spans (the root's first, then in visit order) and its root. */
export interface AuditGraphTree {
  readonly traceIds: string[];
  readonly root: AuditGraphNode;
}

/**
 * Joins records into trees. A record's parent is the record of the same trace whose `span_id` is
 * its `parent_span_id`, else the record whose `span_id` is its `cause_span_id` (in
 * `cause_trace_id` when that holds it, else in any trace: a hop into another process). A record
 * with neither id is a root; one that names a parent not found is an orphan root, and so is the
 * record where a loop of parents is cut. Where two records share a trace and span id, the earlier
 * one is the parent. Roots come in time order, children in `ts` order (ties: read order).
 *
 * @example
 * const trees = buildAuditGraph(records).filter((tree) => tree.traceIds.includes(traceId));
 */
export function buildAuditGraph(records: readonly AuditGraphRecord[]): AuditGraphTree[] {
  const ordered = records
    .map((record, index) => ({ record, index }))
    .sort(byTime)
    .map(({ record }) => record);
  const parents = linkParents(ordered);
  const orphans = new Map<AuditGraphRecord, AuditGraphOrphanReason>();
  for (const record of ordered) {
    if (!parents.has(record) && (record.parentSpanId ?? record.causeSpanId) !== undefined) {
      orphans.set(record, "parent_not_found");
    }
  }
  cutCycles(ordered, parents, orphans);
  const children = new Map<AuditGraphRecord, AuditGraphRecord[]>();
  for (const record of ordered) {
    const parent = parents.get(record)?.parent;
    if (parent !== undefined) children.set(parent, [...(children.get(parent) ?? []), record]);
  }
  const toNode = (record: AuditGraphRecord): AuditGraphNode => ({
    record,
    via: parents.get(record)?.via ?? "root",
    orphan: orphans.get(record),
    children: (children.get(record) ?? []).map(toNode),
  });
  return ordered
    .filter((record) => !parents.has(record))
    .map((record) => {
      const root = toNode(record);
      return { traceIds: traceIdsOf(root), root };
    });
}

interface ParentLink {
  readonly parent: AuditGraphRecord;
  readonly via: "parent" | "cause";
}

function linkParents(ordered: readonly AuditGraphRecord[]): Map<AuditGraphRecord, ParentLink> {
  const bySpan = new Map<string, AuditGraphRecord[]>();
  for (const record of ordered) bySpan.set(record.spanId, [...(bySpan.get(record.spanId) ?? []), record]);
  const find = (self: AuditGraphRecord, spanId: string | undefined, traceId: string | undefined) => {
    const candidates = (spanId === undefined ? [] : (bySpan.get(spanId) ?? [])).filter((r) => r !== self);
    return traceId === undefined
      ? candidates[0]
      : (candidates.find((r) => r.traceId === traceId) ?? undefined);
  };
  const links = new Map<AuditGraphRecord, ParentLink>();
  for (const record of ordered) {
    const sameTrace = find(record, record.parentSpanId, record.traceId);
    if (sameTrace !== undefined) {
      links.set(record, { parent: sameTrace, via: "parent" });
      continue;
    }
    const cause =
      find(record, record.causeSpanId, record.causeTraceId) ?? find(record, record.causeSpanId, undefined);
    if (cause !== undefined) links.set(record, { parent: cause, via: "cause" });
  }
  return links;
}

/** Walks up from each record; where the walk comes back to itself, the record met twice loses its parent. */
function cutCycles(
  ordered: readonly AuditGraphRecord[],
  parents: Map<AuditGraphRecord, ParentLink>,
  orphans: Map<AuditGraphRecord, AuditGraphOrphanReason>,
): void {
  const rooted = new Set<AuditGraphRecord>();
  for (const start of ordered) {
    const path = new Set<AuditGraphRecord>();
    let at: AuditGraphRecord | undefined = start;
    while (at !== undefined && !rooted.has(at)) {
      if (path.has(at)) {
        parents.delete(at);
        orphans.set(at, "cycle");
        break;
      }
      path.add(at);
      at = parents.get(at)?.parent;
    }
    for (const record of path) rooted.add(record);
  }
}

function traceIdsOf(root: AuditGraphNode): string[] {
  const ids: string[] = [];
  const visit = (node: AuditGraphNode): void => {
    if (!ids.includes(node.record.traceId)) ids.push(node.record.traceId);
    for (const child of node.children) visit(child);
  };
  visit(root);
  return ids;
}

function byTime(
  a: { readonly record: AuditGraphRecord; readonly index: number },
  b: { readonly record: AuditGraphRecord; readonly index: number },
): number {
  const at = Number.isNaN(a.record.tsMs) ? Number.POSITIVE_INFINITY : a.record.tsMs;
  const bt = Number.isNaN(b.record.tsMs) ? Number.POSITIVE_INFINITY : b.record.tsMs;
  return at === bt ? a.index - b.index : at - bt;
}
