import type { AuditFinding } from "../audit/build-audit-envelope.js";
import type { CallStart } from "../engine/call-record.js";
import type { EngineContext } from "../engine/engine-context.js";
import type { ToolDefinition } from "../engine/engine-types.js";

const NO_FINDINGS: readonly AuditFinding[] = Object.freeze([]);

/**
 * What the integrity checks found: registry changes, a changed tool definition (rug pull) and a
 * poisoned one (instructions for the model in its description or schema).
 */
export interface IntegrityCheck {
  readonly reasons: readonly string[];
  /** The tool-poisoning findings of a poisoned definition (none otherwise). */
  readonly findings: readonly AuditFinding[];
  /** The tool's definition, when the surface knows it (its annotations inform side effects). */
  readonly definition: ToolDefinition | undefined;
  /** Checks that block as faults whatever `deny_on` says (the security hooks' failures). */
  readonly faults?: readonly string[];
}

/**
 * Integrity of the tool before it runs: the surface's registry facts (seed-shape handler hashes)
 * and the pinned definition, so a definition that changed since it was listed is reported as
 * `tool_definition_changed`, and one whose text carries instructions for the model as
 * `tool_poisoning` (also when the client never listed the tool).
 */
export function checkIntegrity(engine: EngineContext, start: CallStart): IntegrityCheck {
  const { call, toolRef } = start;
  const reasons = [...(engine.deps.registry?.reasonsFor(call.tool) ?? [])];
  const definition = call.definition ?? engine.definitionsByTool.get(`${call.server.name}\u0000${call.tool}`);
  if (definition !== undefined && engine.definitions.observe(toolRef, definition).status === "changed") {
    reasons.push("tool_definition_changed");
  }
  // Cached per definition object: a call to a listed tool costs a map lookup.
  const scan = definition === undefined ? undefined : engine.toolScans.scan(definition);
  if (scan?.poisoned !== true) return { reasons, findings: NO_FINDINGS, definition };
  reasons.push("tool_poisoning");
  return { reasons, findings: scan.findings, definition };
}
