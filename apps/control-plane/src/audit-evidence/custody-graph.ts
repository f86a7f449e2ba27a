import {
  type AuditGraphNode,
  type AuditGraphRecord,
  buildAuditGraph,
  parseAuditGraphLine,
} from "@sec0/audit";
import type { AuditCustodyGraphResponse, AuditCustodyNode } from "@sec0/core/contracts";
import type { Queryable } from "../db/database.js";
import type { ObjectStore } from "./object-store.js";
import { type IndexedRecord, queryRecords } from "./query-records.js";
import { lineRefKey, readRecordLines } from "./read-record-lines.js";

/** Which records the graph is built from: a run or a trace, at most `limit` (oldest first). */
export interface GraphQuery {
  readonly run?: string;
  readonly trace_id?: string;
  readonly limit: number;
}

/**
 * The custody graph of the tenant's records of one run or trace: their stored lines (read by
 * object key and line number from the index) joined by `buildAuditGraph` (`parent_span_id`
 * within a trace, `cause_span_id` across traces). Records without `trace_id`/`span_id` are left
 * out. Reads, does not verify (`GET /api/audit/logs/verify` does).
 */
export async function custodyGraph(
  db: Queryable,
  store: ObjectStore,
  tenantId: string,
  query: GraphQuery,
): Promise<AuditCustodyGraphResponse> {
  const indexed = await queryRecords(db, tenantId, query, "oldest");
  const lines = await readRecordLines(store, indexed);
  const byRef = new Map<string, IndexedRecord>();
  const records: AuditGraphRecord[] = [];
  for (const row of indexed) {
    const line = lines.get(lineRefKey(row));
    if (line === undefined) continue;
    const parsed = parseAuditGraphLine(line.toString("utf8"), { file: row.object_key, line: row.line });
    if (typeof parsed !== "object") continue;
    byRef.set(lineRefKey(row), row);
    records.push(parsed);
  }
  const toNode = (node: AuditGraphNode): AuditCustodyNode => {
    const { record } = node;
    const row = byRef.get(lineRefKey({ object_key: record.source.file, line: record.source.line }));
    const layer = record.fields.layer;
    return {
      record: {
        object_key: record.source.file,
        line: record.source.line,
        ts: row?.ts ?? null,
        node_id: row?.node_id ?? null,
        tool_ref: row?.tool_ref ?? null,
        decision: row?.decision ?? null,
        span_id: record.spanId,
        parent_span_id: record.parentSpanId ?? null,
        cause_span_id: record.causeSpanId ?? null,
        trace_id: record.traceId,
        layer: typeof layer === "string" && layer !== "" ? layer : null,
      },
      via: node.via,
      orphan: node.orphan ?? null,
      children: node.children.map(toNode),
    };
  };
  return {
    trees: buildAuditGraph(records).map((tree) => ({ trace_ids: tree.traceIds, root: toNode(tree.root) })),
  };
}
