import { formatToolRef, type ToolRef } from "@sec0/core";
import type { PolicySnapshot } from "@sec0/policy";
import { declaredToolVersion } from "../pinning/declared-tool-version.js";
import { createEngineContext, type EngineContext } from "./engine-context.js";
import type { EngineDeps, EngineOptions } from "./engine-options.js";
import type { ServerIdentity, ToolDefinition, ToolGovernor } from "./engine-types.js";
import { governCall } from "./govern-call.js";
import { warnUnencodedEntries } from "./warn-unencoded-entries.js";

/**
 * Creates the decision engine every surface shares (docs/principles.md, principle 2): for each call, input
 * checks and the decision before it runs, output checks after, and one signed audit record,
 * allowed or refused, with the policy hash and the deciding reason. The surface (`middleware`,
 * `gateway`, `guard`, a hop type) is named in `options.surface`.
 *
 * @throws {Sec0Error} `GUARD_CONFIG_INVALID` for an unusable contextual evaluator configuration.
 * @example
 * const engine = createDecisionEngine({ surface: "gateway" }, { policySource, auditSink });
 * const outcome = await engine.govern({ server: { name: "files" }, tool: "read", args }, run);
 */
export function createDecisionEngine(options: EngineOptions, deps: EngineDeps): ToolGovernor {
  const engine = createEngineContext(options, deps);
  return {
    govern: (call, execute) => governCall(engine, call, execute),
    filterToolList: (server, tools) => filterToolList(engine, server, tools),
    async close() {
      await deps.onClose?.();
      await deps.auditSink.flush?.();
      const closable = deps.auditSink as { close?: () => Promise<void> };
      await closable.close?.();
      deps.policySource.close();
    },
  };
}

/** The tools the policy allows (all of them in observe mode), each definition pinned as it is listed. */
async function filterToolList(
  engine: EngineContext,
  server: ServerIdentity,
  tools: readonly ToolDefinition[],
): Promise<ToolDefinition[]> {
  let snapshot: PolicySnapshot;
  try {
    snapshot = await engine.deps.policySource.get();
  } catch {
    return []; // no policy: list nothing (fail closed)
  }
  const visible: ToolDefinition[] = [];
  const hidden: ToolRef[] = [];
  for (const tool of tools) {
    const version = declaredToolVersion(tool) ?? server.version;
    const ref = { server: server.name, tool: tool.name, ...(version === undefined ? {} : { version }) };
    engine.definitionsByTool.set(`${server.name}\u0000${tool.name}`, tool);
    engine.definitions.observe(formatToolRef(ref), tool);
    if (snapshot.compiled.allowlist.match(ref).matched || snapshot.compiled.mode === "observe")
      visible.push(tool);
    else hidden.push(ref);
  }
  warnUnencodedEntries(engine, server, snapshot.compiled.allowlist.entries, hidden);
  return visible;
}
