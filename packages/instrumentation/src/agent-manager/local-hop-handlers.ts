// Handlers for hops that run in this process, called by `AgentManager.invoke` (0.2.3's
// `registerLocalHopHandler`).
import type { AgentStatePayload } from "@sec0/core";

/** A local hop: gets the invoke params and the calling hop's agent state (a copy). */
export type LocalHopHandler = (params: unknown, agentState: AgentStatePayload) => unknown;

const handlers = new Map<string, LocalHopHandler>();

/**
 * Registers the in-process handler of `hopKey`, replacing an earlier one; returns a function
 * that removes it again (if it is still the registered one).
 * @example
 * const off = registerLocalHopHandler("Planner.plan", async (params) => ({ steps: [] }));
 */
export function registerLocalHopHandler(hopKey: string, handler: LocalHopHandler): () => void {
  handlers.set(hopKey, handler);
  return () => {
    if (handlers.get(hopKey) === handler) handlers.delete(hopKey);
  };
}

/** Removes the handler of `hopKey`; true when there was one. */
export function unregisterLocalHopHandler(hopKey: string): boolean {
  return handlers.delete(hopKey);
}

/** The handler registered for `hopKey`, if any. */
export function localHopHandler(hopKey: string): LocalHopHandler | undefined {
  return handlers.get(hopKey);
}
