/** One indexed record as `GET /api/audit/records` answers it (newest first). */
export interface AuditRecord {
  readonly object_key: string;
  /** 1-based line of the record in its day file. */
  readonly line: number;
  readonly seq: number | null;
  readonly ts: string | null;
  readonly node_id: string | null;
  readonly agent_ref: string | null;
  readonly run_id: string | null;
  readonly trace_id: string | null;
  readonly decision: string | null;
  readonly tool_ref: string | null;
  readonly line_sha256: string;
  /** Not indexed by the control plane today; shown when a later version answers it. */
  readonly reason?: string | null;
}

/** Reply of `GET /api/audit/records`. */
export interface AuditRecordsReply {
  readonly records: readonly AuditRecord[];
}

/** One stored day file as `GET /api/audit/logs` lists it. */
export interface AuditLogSummary {
  readonly object_key: string;
  /** UTC day (`YYYY-MM-DD`), `""` when the key names none. */
  readonly day: string;
  readonly lines: number;
  readonly bytes: number;
  readonly updated_at: string;
}

/** Reply of `GET /api/audit/logs`. */
export interface AuditLogsReply {
  readonly logs: readonly AuditLogSummary[];
}

/** The result of one kind of check: `none` when there was nothing of that kind to check. */
export type CheckResult = "ok" | "failed" | "none";

/** The status of a verified day file. */
export type VerdictStatus = "valid" | "invalid" | "unattested";

/** Reply of `GET /api/audit/logs/verify?object_key=`. */
export interface StoredLogVerdict {
  readonly object_key: string;
  readonly status: VerdictStatus;
  readonly lines: number;
  /** 1-based; `null` when valid or the bad line cannot be told. */
  readonly first_bad_line: number | null;
  /** `<code>: <sentence>`; `null` when valid. */
  readonly reason: string | null;
  readonly checks: {
    readonly signatures: CheckResult;
    readonly chain: CheckResult;
    readonly checkpoints: CheckResult;
    readonly witness: CheckResult;
  };
}

/** One hop of the custody graph: its record, how it joins its parent, its children. */
export interface GraphNode {
  readonly record: {
    readonly object_key: string;
    readonly line: number;
    readonly ts: string | null;
    readonly node_id: string | null;
    readonly tool_ref: string | null;
    readonly decision: string | null;
    readonly span_id: string;
    readonly parent_span_id: string | null;
    readonly cause_span_id: string | null;
    readonly trace_id: string;
    readonly layer: string | null;
  };
  readonly via: "root" | "parent" | "cause";
  /** `parent_not_found` or `cycle` on a root that named a parent it could not be joined to. */
  readonly orphan: string | null;
  readonly children: readonly GraphNode[];
}

/** One tree of the custody graph: the traces it spans (the root's first) and its root. */
export interface GraphTree {
  readonly trace_ids: readonly string[];
  readonly root: GraphNode;
}

/** Reply of `GET /api/audit/graph`. */
export interface GraphReply {
  readonly trees: readonly GraphTree[];
}
