import type { CallStart } from "../engine/call-record.js";
import type { EngineContext } from "../engine/engine-context.js";
import type { ToolDefinition } from "../engine/engine-types.js";

/** What the integrity checks found: registry changes and a changed tool definition (rug pull). */
export interface IntegrityCheck {
  readonly reasons: readonly string[];
  /** The tool's definition, when the surface knows it (its annotations inform side effects). */
  readonly definition: ToolDefinition | undefined;
}

/**
 * Integrity of the tool before it runs: the surface's registry facts (seed-shape handler hashes)
 * and the pinned definition, so a definition that changed since it was listed is reported as
 * `tool_definition_changed`.
 */
export function checkIntegrity(engine: EngineContext, start: CallStart): IntegrityCheck {
  const { call, toolRef } = start;
  const reasons = [...(engine.deps.registry?.reasonsFor(call.tool) ?? [])];
  const definition = call.definition ?? engine.definitionsByTool.get(`${call.server.name}\u0000${call.tool}`);
  if (definition !== undefined && engine.definitions.observe(toolRef, definition).status === "changed") {
    reasons.push("tool_definition_changed");
  }
  return { reasons, definition };
}
