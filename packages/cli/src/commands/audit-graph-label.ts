import type { AuditGraphRecord } from "@sec0/audit";
import { stripTerminalControls } from "../strip-terminal-controls.js";

/** The fields that name what a hop is, in the order the label shows them. */
const IDENTITY_FIELDS = [
  "agent_orchestrator",
  "agent",
  "gateway",
  "middleware",
  "server",
  "tool",
  "skill",
  "guard_kind",
  "target",
] as const;

/**
 * One hop as a line: `node_type` and identity (agent, orchestrator, gateway, middleware, server
 * and the tool ref, skill, guard kind and target), the policy decision, status, latency and
 * `file:line`, with terminal escape sequences and control characters removed (a record's text
 * can come from a hostile tool or client).
 *
 * @example
 * auditGraphLabel(record); // "gateway gw@1.0 · allow · ok · 12ms · .sec0/audit-2026-01-01.ndjson:3"
 */
export function auditGraphLabel(record: AuditGraphRecord): string {
  const { fields, source } = record;
  const policy = objectOf(fields.policy);
  const latency = fields.latency_ms;
  return [
    [textOf(fields.node_type) ?? "record", ...identityOf(fields)].join(" "),
    textOf(policy.decision ?? fields.decision),
    textOf(fields.status),
    typeof latency === "number" ? `${latency}ms` : undefined,
    `${source.file}:${source.line}`,
  ]
    .filter((part): part is string => part !== undefined)
    .map(stripTerminalControls)
    .join(" · ");
}

function identityOf(fields: Readonly<Record<string, unknown>>): string[] {
  const values: string[] = [];
  for (const name of IDENTITY_FIELDS) {
    const value = textOf(
      name === "tool" ? (fields.target_tool_ref ?? fields.tool_ref ?? fields.tool) : fields[name],
    );
    if (value !== undefined && !values.includes(value)) values.push(value);
  }
  return values;
}

function textOf(value: unknown): string | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  return typeof value === "string" ? value : JSON.stringify(value);
}

function objectOf(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
}
