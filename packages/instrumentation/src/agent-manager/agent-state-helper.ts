import {
  type AgentStateHeaders,
  type AgentStatePayload,
  encodeAgentStateHeaders,
  mergeAgentVariables,
} from "@sec0/core";
import type { HopFrame } from "../hop-types.js";
import { scopeForHop } from "./hop-scope.js";

/** `manager.agent`: the running hop's agent state, written under the hop's scope. */
export interface AgentStateHelper {
  /** Adds string variables under `<SCOPE>.vars` (numbers and booleans become strings, objects JSON). */
  setState(vars: Readonly<Record<string, unknown>>): void;
  /** Merges `data` into the hop's scope (`variables.<SCOPE>`). */
  setMetadata(data: Readonly<Record<string, unknown>>): void;
  /** Sets the objective: `<SCOPE>.vars.objective` (0.2.3) and `<SCOPE>.objective` (read by run rules). */
  objective(text: string): void;
  /** A copy of the agent state (`{nodeId, runId, parentRef?, variables?, metadata?}`). */
  snapshot(): AgentStatePayload;
  /** The 0.2.3 agent-state headers of this hop; see `AgentManager.getAgentStateHeaders`. */
  headers(extra?: Readonly<Record<string, string>>): Record<string, string>;
}

/**
 * The agent-state helper of `frame`. It changes `frame.state` in place, so whoever records the
 * hop sees the variables set during the call.
 * @example
 * const agent = createAgentStateHelper(frame);
 * agent.setState({ order_id: "o-1" });
 */
export function createAgentStateHelper(frame: HopFrame): AgentStateHelper {
  const scope = scopeForHop(frame.hop.type);
  const state = frame.state;
  const scopeData = (): Readonly<Record<string, unknown>> => state.variables?.[scope] ?? {};
  const setVars = (vars: Readonly<Record<string, unknown>>): void => {
    const current = scopeData().vars;
    const previous = typeof current === "object" && current !== null ? current : {};
    state.variables = mergeAgentVariables(state.variables, scope, { vars: { ...previous, ...vars } });
  };
  return {
    setState(vars) {
      const strings: Record<string, string> = {};
      for (const [key, value] of Object.entries(vars)) {
        if (value === undefined) continue;
        strings[key] = typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
      }
      setVars(strings);
    },
    setMetadata(data) {
      state.variables = mergeAgentVariables(state.variables, scope, data);
    },
    objective(text) {
      setVars({ objective: text });
      state.variables = mergeAgentVariables(state.variables, scope, { objective: text });
    },
    snapshot() {
      return structuredClone(state);
    },
    headers(extra) {
      return agentStateHeadersOf(frame, extra);
    },
  };
}

/**
 * The agent-state headers of 0.2.3's `getAgentStateHeaders`: `x-node-id`, `x-agent-ref`,
 * `x-agent-state` of `{nodeId, runId}` only (variables are deliberately not propagated), after
 * the `extra` headers (these win on a clash).
 */
export function agentStateHeadersOf(
  frame: HopFrame,
  extra: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const headers: AgentStateHeaders = encodeAgentStateHeaders({
    nodeId: frame.state.nodeId,
    runId: frame.runId,
  });
  return { ...extra, ...headers };
}
