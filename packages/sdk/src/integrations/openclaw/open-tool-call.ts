import type { DecisionEngine, GovernedCall, Refusal } from "@sec0/guard";
import { DEADLINE_PASSED, withDeadline } from "./with-deadline.js";

/** What `after_tool_call` reports about a call sec0 let run. */
export interface ToolCallResult {
  readonly result?: unknown;
  readonly error?: string;
  /** The params OpenClaw reports the tool ran with, as JSON (when they are JSON data). */
  readonly paramsJson?: string;
}

/** A governed call, decided before the tool runs. */
export type OpenedToolCall =
  | {
      readonly status: "run";
      /** Hands the tool's result to the engine (output checks, audit row); resolves once recorded. */
      settle(outcome: ToolCallResult): Promise<void>;
    }
  | { readonly status: "refused"; readonly refusal: Refusal }
  /** No decision within the deadline; should the engine still reach `execute`, it records an error. */
  | { readonly status: "timeout" };

/** The error a tool's reported failure is recorded as. */
export class ToolCallFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ToolCallFailed";
  }
}

/**
 * Runs one OpenClaw tool call through the decision engine's pipeline, where OpenClaw (not sec0)
 * runs the tool: the engine's `execute` step is a bridge that tells `before_tool_call` "go ahead"
 * and then waits for `after_tool_call` to hand over the result. So the decision is made before the
 * tool runs, and the one audit row (with the output hash) is written after, by the engine.
 * Resolves when the engine either reached `execute` (`run`) or refused the call (`refused`);
 * rejects when the engine failed before deciding.
 */
export async function openToolCall(
  engine: DecisionEngine,
  call: GovernedCall,
  deadlineMs: number,
): Promise<OpenedToolCall> {
  let markRun: () => void = () => {};
  const reachedExecute = new Promise<"run">((resolve) => {
    markRun = () => resolve("run");
  });
  let deliver: (outcome: ToolCallResult) => void = () => {};
  const delivered = new Promise<ToolCallResult>((resolve) => {
    deliver = resolve;
  });
  const governed = engine.govern(call, async () => {
    markRun();
    const outcome = await delivered;
    if (outcome.error !== undefined) throw new ToolCallFailed(outcome.error);
    return outcome.result;
  });
  const first = await withDeadline(Promise.race([reachedExecute, governed]), deadlineMs);
  if (first === DEADLINE_PASSED) {
    deliver({ error: `sec0 blocked the call: no decision within ${deadlineMs} ms` });
    governed.catch(() => undefined);
    return { status: "timeout" };
  }
  if (first === "run" || first.status === "ok") {
    return {
      status: "run",
      async settle(outcome) {
        deliver(outcome);
        // The tool's own failure is recorded by the engine and rethrown: it is not ours to raise.
        await governed.then(
          () => undefined,
          () => undefined,
        );
      },
    };
  }
  return { status: "refused", refusal: first.refusal };
}
