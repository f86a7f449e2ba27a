import type { AgentStatePayload, ToolRef } from "@sec0/core";
import { Sec0Error } from "@sec0/core";
import { CONTROL_PLANE_PATHS } from "@sec0/core/contracts";
import { createControlPlaneClient } from "@sec0/core/control-plane";
import {
  describeFindings,
  type EvaluatorInputDraft,
  type EvaluatorOutput,
  EvaluatorOutputSchema,
  evaluateContextLocally,
  type Finding,
} from "@sec0/evaluator";

/** What an eligibility or context callback sees about a call. */
export interface ContextualCallInfo {
  readonly toolRef: string;
  readonly ref: ToolRef;
  readonly args: Readonly<Record<string, unknown>>;
  readonly sideEffect: boolean;
  readonly crossesBoundary: boolean;
  readonly findings: readonly Finding[];
  readonly agent?: AgentStatePayload;
}

/** Evaluates a situation: the local scorer, the control plane, or your own. */
export interface ContextualEvaluatorAdapter {
  evaluate(input: EvaluatorInputDraft): Promise<EvaluatorOutput>;
}

/** `contextualEvaluator` options (0.2.3 names). */
export interface ContextualEvaluatorOptions {
  readonly evaluatorSource?: "disabled" | "local" | "control-plane";
  /** `sync` decides with the verdict; `async` only records it in the audit record. */
  readonly evaluatorMode?: "sync" | "async";
  readonly local?: { readonly denyThreshold?: number; readonly escalateThreshold?: number };
  readonly controlPlane?: { readonly baseUrl: string; readonly apiKey: string; readonly timeoutMs?: number };
  readonly adapter?: ContextualEvaluatorAdapter;
  /** Which calls to evaluate; default: side effects, boundary crossings and calls with findings. */
  readonly eligible?: (info: ContextualCallInfo) => boolean;
  /**
   * Adds context the server knows (purpose, authority, sources, constraints). This is server code:
   * context never comes from tool arguments or request headers (0.2.3 let callers inject it).
   */
  readonly buildContext?: (info: ContextualCallInfo) => Partial<EvaluatorInputDraft>;
  /** When the evaluator fails: `deny` (default, fail closed as `evaluation_error`) or `allow` (0.2.3). */
  readonly onError?: "deny" | "allow";
}

/** The adapter for the options, or `undefined` when the evaluator is disabled. */
export function resolveContextualAdapter(
  options: ContextualEvaluatorOptions | undefined,
): ContextualEvaluatorAdapter | undefined {
  if (options === undefined || options.evaluatorSource === "disabled") return undefined;
  if (options.adapter !== undefined) return options.adapter;
  if (options.evaluatorSource === "control-plane") {
    const cp = options.controlPlane;
    if (cp === undefined) {
      throw new Sec0Error(
        "GUARD_CONFIG_INVALID",
        "contextualEvaluator.controlPlane { baseUrl, apiKey } is required for evaluatorSource control-plane.",
      );
    }
    return createControlPlaneContextualEvaluator(cp);
  }
  const thresholds = options.local ?? {};
  return { evaluate: async (input) => evaluateContextLocally(input, thresholds) };
}

/** Builds the evaluator input for a call (trusted sources only) and asks the adapter. */
export async function evaluateCallContext(
  adapter: ContextualEvaluatorAdapter,
  options: ContextualEvaluatorOptions,
  info: ContextualCallInfo,
  trace: { readonly traceId: string; readonly spanId: string; readonly executionLayer: string },
): Promise<EvaluatorOutput | undefined> {
  const eligible =
    options.eligible ?? ((call) => call.sideEffect || call.crossesBoundary || call.findings.length > 0);
  if (!eligible(info)) return undefined;
  const op = info.sideEffect ? "write" : "read";
  const base: EvaluatorInputDraft = {
    action: {
      kind: "tool",
      summary: `Execute ${info.toolRef}`,
      operation: op,
      sideEffect: info.sideEffect,
      crossesBoundary: info.crossesBoundary,
      tool: {
        name: info.ref.tool,
        ...(info.ref.version === undefined ? {} : { version: info.ref.version }),
        ...(info.ref.server === undefined ? {} : { server: info.ref.server }),
      },
    },
    actor: { id: info.agent?.nodeId ?? "anonymous", type: "agent" },
    purpose: { summary: `Process ${op} action through ${info.toolRef}` },
    runtimeContext: {
      integrationSurface: "sec0",
      executionLayer: trace.executionLayer,
      ...(info.agent?.runId === undefined ? {} : { runId: info.agent.runId }),
      traceId: trace.traceId,
      spanId: trace.spanId,
    },
    detectorFindings: describeFindings(info.findings),
    metadata: { tool_ref: info.toolRef },
  };
  const patch = options.buildContext?.(info) ?? {};
  return adapter.evaluate({ ...base, ...patch } as EvaluatorInputDraft);
}

/** Reason code for an evaluator verdict: `contextual_evaluator_denied` / `_escalated`, or none. */
export function contextualReason(output: EvaluatorOutput | undefined): string | undefined {
  if (output?.decision === "deny") return "contextual_evaluator_denied";
  if (output?.decision === "escalate") return "contextual_evaluator_escalated";
  return undefined;
}

function createControlPlaneContextualEvaluator(
  options: NonNullable<ContextualEvaluatorOptions["controlPlane"]>,
): ContextualEvaluatorAdapter {
  const client = createControlPlaneClient({ ...options, timeoutMs: options.timeoutMs ?? 4000 });
  return {
    // The evaluator's schema: the wire contract plus the score the engine records.
    evaluate: (input) =>
      client.postJson(CONTROL_PLANE_PATHS.contextualEvaluator, input, EvaluatorOutputSchema),
  };
}
