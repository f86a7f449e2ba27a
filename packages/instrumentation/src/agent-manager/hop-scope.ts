import type { AgentVariableScope } from "@sec0/core";
import type { HopType } from "../hop-types.js";

const SCOPES: Readonly<Record<HopType, AgentVariableScope>> = {
  agent: "AGENT",
  orchestrator: "ORCHESTRATOR",
  gateway: "GATEWAY",
  server: "SERVER",
  // A middleware hop sits in front of a tool server; a skill runs like a tool.
  middleware: "SERVER",
  tool: "TOOL",
  skill: "TOOL",
};

/**
 * The agent-variable scope a hop writes its state under (core's `mergeAgentVariables` scopes).
 * @example
 * scopeForHop("orchestrator"); // "ORCHESTRATOR"
 */
export function scopeForHop(type: HopType): AgentVariableScope {
  return SCOPES[type];
}
