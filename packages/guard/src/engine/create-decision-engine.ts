import { createEngineContext } from "./engine-context.js";
import type { EngineDeps, EngineOptions } from "./engine-options.js";
import type { DecisionEngine } from "./engine-types.js";
import { filterToolList } from "./filter-tool-list.js";
import { governCall } from "./govern-call.js";
import { governServerRequest } from "./govern-server-request.js";
import { recordBoundaryEvent } from "./record-boundary-event.js";
import { recordRefusal } from "./record-refusal.js";

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
export function createDecisionEngine(options: EngineOptions, deps: EngineDeps): DecisionEngine {
  const engine = createEngineContext(options, deps);
  return {
    govern: (call, execute) => governCall(engine, call, execute),
    filterToolList: (server, tools) => filterToolList(engine, server, tools),
    governServerRequest: (request) => governServerRequest(engine, request),
    recordBoundaryEvent: (event) => recordBoundaryEvent(engine, event),
    recordRefusal: (call, refusal) => recordRefusal(engine, call, refusal),
    async close() {
      // Scans in flight finish and are saved (their records reach the audit sink before it closes).
      await engine.flushScans();
      await deps.onClose?.();
      await deps.auditSink.flush?.();
      const closable = deps.auditSink as { close?: () => Promise<void> };
      await closable.close?.();
      deps.policySource.close();
    },
  };
}
