import { CHECKPOINT_TYPE, REPAIR_TYPE } from "@sec0/audit";
import type { Queryable } from "../db/database.js";
import { recordFieldsOf } from "./line-fields.js";

/** Indexes the record lines of an accepted range (checkpoints and repairs are not records). */
export async function indexRecords(
  tx: Queryable,
  tenantId: string,
  objectKey: string,
  firstLineNo: number,
  lines: readonly string[],
): Promise<number> {
  let indexed = 0;
  for (const [index, line] of lines.entries()) {
    const record = JSON.parse(line) as Record<string, unknown>;
    if (record.type === CHECKPOINT_TYPE || record.type === REPAIR_TYPE) continue;
    const f = recordFieldsOf(line, record);
    await tx.query(
      `INSERT INTO audit_records (tenant_id, object_key, line_no, seq, ts, node_id, agent_ref, run_id, trace_id, decision, tool_ref, line_sha256)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [
        tenantId,
        objectKey,
        firstLineNo + index,
        f.seq ?? null,
        f.ts ?? null,
        f.nodeId ?? null,
        f.agentRef ?? null,
        f.runId ?? null,
        f.traceId ?? null,
        f.decision ?? null,
        f.toolRef ?? null,
        f.lineSha256,
      ],
    );
    indexed += 1;
  }
  return indexed;
}
