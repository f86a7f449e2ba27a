import { createHash } from "node:crypto";

/** The queryable facts of one audit record line. */
export interface RecordFields {
  readonly seq: number | undefined;
  readonly ts: Date | undefined;
  readonly nodeId: string | undefined;
  readonly agentRef: string | undefined;
  readonly runId: string | undefined;
  readonly traceId: string | undefined;
  readonly decision: string | undefined;
  readonly toolRef: string | undefined;
  readonly lineSha256: string;
}

const text = (...values: unknown[]): string | undefined => {
  for (const value of values) if (typeof value === "string" && value !== "") return value.slice(0, 500);
  return undefined;
};

/**
 * Extracts what records are queried by from the fields sec0 envelopes carry: `nodeId`/`node_id`,
 * `agentRef`/`agent_ref`, `runId`/`run_id`/`agent_run_id`, `trace_id`/`traceId`,
 * `policy.decision`/`decision`, `tool_ref`/`target_tool_ref`/`tool`, `ts`, `seq`.
 */
export function recordFieldsOf(line: string, record: Readonly<Record<string, unknown>>): RecordFields {
  const policy =
    typeof record.policy === "object" && record.policy !== null
      ? (record.policy as Record<string, unknown>)
      : {};
  const ts = typeof record.ts === "string" ? new Date(record.ts) : undefined;
  return {
    seq: typeof record.seq === "number" && Number.isSafeInteger(record.seq) ? record.seq : undefined,
    ts: ts === undefined || Number.isNaN(ts.getTime()) ? undefined : ts,
    nodeId: text(record.nodeId, record.node_id),
    agentRef: text(record.agentRef, record.agent_ref),
    runId: text(record.runId, record.run_id, record.agent_run_id),
    traceId: text(record.trace_id, record.traceId),
    decision: text(policy.decision, record.decision),
    toolRef: text(record.tool_ref, record.target_tool_ref, record.tool),
    lineSha256: createHash("sha256").update(line, "utf8").digest("hex"),
  };
}
