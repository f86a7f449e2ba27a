import type { HopType } from "../hop-types.js";

/** The audit envelope's `node_type` of a hop (0.2.3 wrote `agent_orchestrator` for orchestrators). */
export type HopNodeType = Exclude<HopType, "orchestrator"> | "agent_orchestrator";

/** True for the hop types whose first argument is a `ctx` object (agent, orchestrator). */
export function isAgentHop(type: HopType): boolean {
  return type === "agent" || type === "orchestrator";
}

/** {@link HopNodeType} of `type`. */
export function hopNodeType(type: HopType): HopNodeType {
  return type === "orchestrator" ? "agent_orchestrator" : type;
}
