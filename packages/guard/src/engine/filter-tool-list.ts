import { type Decision, decide, formatToolRef, type ToolRef } from "@sec0/core";
import type { PolicySnapshot } from "@sec0/policy";
import { declaredToolVersion } from "../pinning/declared-tool-version.js";
import type { EngineContext } from "./engine-context.js";
import type { ServerIdentity, ToolDefinition } from "./engine-types.js";
import { recordPoisonedListing } from "./record-poisoned-listing.js";
import { warnUnencodedEntries } from "./warn-unencoded-entries.js";

/** The reason a poisoned tool definition is recorded and decided with. */
export const TOOL_POISONING_REASON = "tool_poisoning";

/**
 * The tools of a `tools/list` answer the client may see: those the allowlist matches (all of them
 * in observe mode), less those whose definition is poisoned when the policy acts on
 * `tool_poisoning`. Each definition is pinned as it is listed and scanned (once per distinct
 * definition); a poisoned one is recorded once per policy. Without a policy nothing is listed
 * (fail closed).
 */
export async function filterToolList(
  engine: EngineContext,
  server: ServerIdentity,
  tools: readonly ToolDefinition[],
): Promise<ToolDefinition[]> {
  let snapshot: PolicySnapshot;
  try {
    snapshot = await engine.deps.policySource.get();
  } catch {
    return [];
  }
  const visible: ToolDefinition[] = [];
  const unmatched: ToolRef[] = [];
  const recording: Promise<void>[] = [];
  for (const tool of tools) {
    const version = declaredToolVersion(tool) ?? server.version;
    const ref = { server: server.name, tool: tool.name, ...(version === undefined ? {} : { version }) };
    const toolRef = formatToolRef(ref);
    engine.definitionsByTool.set(`${server.name}\u0000${tool.name}`, tool);
    engine.definitions.observe(toolRef, tool);
    const scan = engine.toolScans.scan(tool);
    if (scan.poisoned) {
      const decision = decidePoisoning(engine, snapshot);
      recording.push(recordPoisonedListing(engine, snapshot, { server, tool, toolRef, scan, decision }));
      if (decision.action !== "allow") continue;
    }
    if (snapshot.compiled.allowlist.match(ref).matched || snapshot.compiled.mode === "observe")
      visible.push(tool);
    else unmatched.push(ref);
  }
  warnUnencodedEntries(engine, server, snapshot.compiled.allowlist.entries, unmatched);
  await Promise.all(recording);
  return visible;
}

/** What the policy does with a poisoned definition: core's algebra over `tool_poisoning` alone. */
function decidePoisoning(engine: EngineContext, snapshot: PolicySnapshot): Decision {
  const { compiled } = snapshot;
  return decide({
    mode: compiled.mode,
    denyOn: compiled.denyOn,
    escalateOn: compiled.escalateOn,
    reasons: [TOOL_POISONING_REASON],
    escalationAvailable: engine.options.adapters?.escalationReporter !== undefined,
  });
}
