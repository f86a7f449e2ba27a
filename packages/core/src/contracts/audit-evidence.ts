import { z } from "zod";

/**
 * One indexed audit record as `GET /api/audit/records` answers it: where its line is stored and
 * the fields the index keeps (`null` when the line had none).
 *
 * @example
 * AuditRecordSummarySchema.parse({ object_key: "tenants/acme/…/audit-2026-01-01.ndjson", line: 3, … });
 */
export const AuditRecordSummarySchema = z.object({
  object_key: z.string(),
  /** 1-based line of the record in its day log. */
  line: z.number().int().positive(),
  seq: z.number().int().nullable(),
  ts: z.string().nullable(),
  node_id: z.string().nullable(),
  agent_ref: z.string().nullable(),
  run_id: z.string().nullable(),
  trace_id: z.string().nullable(),
  decision: z.string().nullable(),
  tool_ref: z.string().nullable(),
  line_sha256: z.string(),
});

/** One indexed audit record. */
export type AuditRecordSummary = z.infer<typeof AuditRecordSummarySchema>;

/** Reply of `GET /api/audit/records`: newest first. */
export const AuditRecordsResponseSchema = z.object({ records: z.array(AuditRecordSummarySchema) });

/** Reply of `GET /api/audit/records`. */
export type AuditRecordsResponse = z.infer<typeof AuditRecordsResponseSchema>;

/** One stored day log as `GET /api/audit/logs` lists it. */
export const AuditLogSummarySchema = z.object({
  object_key: z.string(),
  /** The UTC day of the log (`YYYY-MM-DD`, from its key; `""` when the key names none). */
  day: z.string(),
  /** Accepted lines (records, checkpoints and repairs). */
  lines: z.number().int().nonnegative(),
  /** Accepted bytes. */
  bytes: z.number().int().nonnegative(),
  /** When the last range was accepted (or the log was first witnessed). */
  updated_at: z.string(),
});

/** One stored day log. */
export type AuditLogSummary = z.infer<typeof AuditLogSummarySchema>;

/** Reply of `GET /api/audit/logs`: newest day first. */
export const AuditLogsResponseSchema = z.object({ logs: z.array(AuditLogSummarySchema) });

/** Reply of `GET /api/audit/logs`. */
export type AuditLogsResponse = z.infer<typeof AuditLogsResponseSchema>;

/** The result of one kind of check: `none` when there was nothing of that kind to check. */
export const AuditCheckResultSchema = z.enum(["ok", "failed", "none"]);

/** The result of one kind of check. */
export type AuditCheckResult = z.infer<typeof AuditCheckResultSchema>;

/** How a stored log verified: every line holds, one does not, or some are not attested yet. */
export const StoredLogStatusSchema = z.enum(["valid", "invalid", "unattested"]);

/** How a stored log verified. */
export type StoredLogStatus = z.infer<typeof StoredLogStatusSchema>;

/** Reply of `GET /api/audit/logs/verify?object_key=`. */
export const StoredLogVerdictSchema = z.object({
  object_key: z.string(),
  status: StoredLogStatusSchema,
  /** Complete lines the stored object holds (within the accepted bytes). */
  lines: z.number().int().nonnegative(),
  /** 1-based; `null` when the log is valid or the bad line cannot be told. */
  first_bad_line: z.number().int().positive().nullable(),
  /** `<code>: <sentence>` of what failed (or what leaves the log unattested); `null` when valid. */
  reason: z.string().nullable(),
  checks: z.object({
    signatures: AuditCheckResultSchema,
    chain: AuditCheckResultSchema,
    checkpoints: AuditCheckResultSchema,
    witness: AuditCheckResultSchema,
  }),
});

/** Reply of `GET /api/audit/logs/verify`. */
export type StoredLogVerdict = z.infer<typeof StoredLogVerdictSchema>;

/** The record of one hop of the custody graph. */
export const AuditCustodyRecordSchema = z.object({
  object_key: z.string(),
  line: z.number().int().positive(),
  ts: z.string().nullable(),
  node_id: z.string().nullable(),
  tool_ref: z.string().nullable(),
  decision: z.string().nullable(),
  span_id: z.string(),
  parent_span_id: z.string().nullable(),
  cause_span_id: z.string().nullable(),
  trace_id: z.string(),
  layer: z.string().nullable(),
});

/** One hop of the custody graph: its record, how it joins its parent, its children. */
export interface AuditCustodyNode {
  readonly record: z.infer<typeof AuditCustodyRecordSchema>;
  readonly via: "root" | "parent" | "cause";
  /** `parent_not_found` or `cycle` on a root that named a parent it could not be joined to. */
  readonly orphan: string | null;
  readonly children: readonly AuditCustodyNode[];
}

/** {@link AuditCustodyNode} as a schema (recursive). */
export const AuditCustodyNodeSchema: z.ZodType<AuditCustodyNode> = z.object({
  record: AuditCustodyRecordSchema,
  via: z.enum(["root", "parent", "cause"]),
  orphan: z.string().nullable(),
  get children() {
    return z.array(AuditCustodyNodeSchema);
  },
});

/** One tree of the custody graph: the traces it spans (the root's first) and its root. */
export const AuditCustodyTreeSchema = z.object({
  trace_ids: z.array(z.string()),
  root: AuditCustodyNodeSchema,
});

/** One tree of the custody graph. */
export type AuditCustodyTree = z.infer<typeof AuditCustodyTreeSchema>;

/** Reply of `GET /api/audit/graph?run=|trace_id=`. */
export const AuditCustodyGraphResponseSchema = z.object({ trees: z.array(AuditCustodyTreeSchema) });

/** Reply of `GET /api/audit/graph`. */
export type AuditCustodyGraphResponse = z.infer<typeof AuditCustodyGraphResponseSchema>;
