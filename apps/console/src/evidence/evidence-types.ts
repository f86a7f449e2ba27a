// The replies of the evidence routes, as the wire contracts of `@sec0/core/contracts` define them
// (imported as types only: nothing of zod reaches the bundle), under the names the page uses.
export type {
  AuditCheckResult as CheckResult,
  AuditCustodyGraphResponse as GraphReply,
  AuditCustodyNode as GraphNode,
  AuditCustodyTree as GraphTree,
  AuditLogSummary,
  AuditLogsResponse as AuditLogsReply,
  AuditRecordSummary as AuditRecord,
  AuditRecordsResponse as AuditRecordsReply,
  StoredLogStatus as VerdictStatus,
  StoredLogVerdict,
} from "@sec0/core/contracts";
