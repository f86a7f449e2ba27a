import { type Logger, reasonSeverity } from "@sec0/core";
import {
  computeCallDigest,
  type EscalationCreateInput,
  type EscalationCreateResult,
} from "@sec0/core/contracts";
import type { ApprovalTransport } from "../escalation/approvals-bridge-transport.js";
import { checkApproval } from "../escalation/check-approval.js";
import type { ApprovalVerifier } from "../escalation/control-plane-escalations.js";
import type { EscalationClient, EscalationResolution } from "../escalation/escalation-client.js";
import type { GuardHooks } from "./guard-config.js";
import { GuardEscalationAbortError, GuardEscalationError } from "./guard-errors.js";
import type { GuardDecision, GuardInput } from "./guard-types.js";

/** The escalation settings with every default applied. */
export interface ResolvedGuardEscalation {
  readonly client: EscalationClient;
  /** Checks the approval token of the control plane's `approved`; absent for a user's own client. */
  readonly verifier?: ApprovalVerifier;
  readonly transport?: ApprovalTransport;
  readonly tenant?: string;
  readonly waitByDefault: boolean;
  readonly timeoutMs: number;
  readonly pollIntervalMs: number;
  readonly maxRetries: number;
  readonly retryBackoffMs: number;
  readonly ttlSeconds: number;
}

/** What the lifecycle needs besides its settings. */
export interface EscalationRunDeps {
  readonly escalation: ResolvedGuardEscalation;
  readonly hooks: GuardHooks;
  readonly logger: Logger;
}

/** How an escalation of `execute` ended. */
export type EscalationRun =
  | { readonly status: "pending"; readonly decision: GuardDecision }
  | {
      readonly status: "resolved";
      readonly decision: GuardDecision;
      readonly created: EscalationCreateResult;
      readonly resolution: EscalationResolution;
    };

/** Largest content a human is shown (0.2.3's cut). */
const MAX_CONTENT_CHARS = 4000;

/**
 * The call an approval is bound to: `guard:<kind>:<target>` and the digest of the exact input
 * (kind, target, content) with the node and run. Any change to the input needs a new approval.
 */
export function guardCallBinding(
  input: GuardInput,
  target: string | null,
): { toolRef: string; callDigest: string } {
  const toolRef = `guard:${input.kind}:${target ?? "*"}`;
  const callDigest = computeCallDigest({
    toolRef,
    args: { kind: input.kind, target, content: input.content ?? null },
    nodeId: input.context?.nodeId ?? null,
    runId: input.context?.runId ?? null,
  });
  return { toolRef, callDigest };
}

/**
 * Creates the escalation, tells the transport and the hooks, and (when `wait`) waits for the
 * verdict. An `approved` verdict from the control plane counts only with an approval token that
 * verifies for this exact input (consumed: one use). Failures throw `GuardEscalationError`; an
 * abort throws `GuardEscalationAbortError`. A timeout is a resolution with status `timeout`.
 */
export async function runEscalation(
  deps: EscalationRunDeps,
  input: GuardInput,
  decision: GuardDecision,
  wait: boolean,
  signal: AbortSignal | undefined,
): Promise<EscalationRun> {
  const { escalation, hooks } = deps;
  const binding = guardCallBinding(input, decision.target);
  const request = createRequest(escalation, input, decision, binding);
  let created: EscalationCreateResult;
  try {
    created = await escalation.client.create(request);
  } catch (error) {
    throw await failed(deps, input, decision, "create", error, "Creating the escalation failed");
  }
  const pending: GuardDecision = {
    ...decision,
    escalation: {
      shouldEscalate: true,
      waitForResolution: wait,
      escalationId: created.id,
      status: created.status,
    },
  };
  await callHook(deps, "onEscalationRequested", () =>
    hooks.onEscalationRequested?.({ input, decision: pending, created, request }),
  );
  await notify(deps, input, pending, () =>
    escalation.transport?.sendPending({ tenant: escalation.tenant, created, input: request }),
  );
  if (!wait) return { status: "pending", decision: pending };
  let resolution: EscalationResolution;
  try {
    resolution = await escalation.client.waitForResolution(created.id, {
      timeoutMs: escalation.timeoutMs,
      pollIntervalMs: escalation.pollIntervalMs,
      maxRetries: escalation.maxRetries,
      retryBackoffMs: escalation.retryBackoffMs,
      ...(escalation.tenant === undefined ? {} : { tenant: escalation.tenant }),
      ...(signal === undefined ? {} : { signal }),
    });
  } catch (error) {
    if (error instanceof GuardEscalationAbortError) throw error;
    throw await failed(deps, input, pending, "wait", error, "Waiting for the escalation failed");
  }
  if (resolution.status === "approved" && escalation.verifier !== undefined) {
    await verifyApproval(deps, input, pending, binding, resolution);
  }
  const resolved: GuardDecision = {
    ...pending,
    escalation: {
      shouldEscalate: true,
      waitForResolution: true,
      escalationId: created.id,
      status: resolution.status,
      resolution,
    },
  };
  await callHook(deps, "onEscalationResolved", () =>
    hooks.onEscalationResolved?.({ input, decision: resolved, created, resolution }),
  );
  await notify(deps, input, resolved, () =>
    escalation.transport?.sendResolved({ tenant: escalation.tenant, created, resolution }),
  );
  return { status: "resolved", decision: resolved, created, resolution };
}

function createRequest(
  escalation: ResolvedGuardEscalation,
  input: GuardInput,
  decision: GuardDecision,
  binding: { toolRef: string; callDigest: string },
): EscalationCreateInput {
  const violation = decision.violation ?? decision.reason ?? "guard_escalation";
  const text = typeof input.content === "string" ? input.content : (JSON.stringify(input.content) ?? "");
  const content =
    text.trim() === ""
      ? `${input.kind} to ${decision.target ?? "(no target)"} needs approval (${violation}).`
      : text.slice(0, MAX_CONTENT_CHARS);
  const context = input.context ?? {};
  return {
    ...(escalation.tenant === undefined ? {} : { tenant: escalation.tenant }),
    content,
    violation,
    message: `sec0 guard: ${input.kind} to ${decision.target ?? "(no target)"} escalated (${violation}).`,
    severity: reasonSeverity(violation),
    ...(context.nodeId === undefined ? {} : { nodeId: context.nodeId }),
    ...(context.runId === undefined ? {} : { agentRef: context.runId }),
    toolRef: binding.toolRef,
    callDigest: binding.callDigest,
    ttlSeconds: escalation.ttlSeconds,
    timeoutAction: "auto_reject",
    metadata: {
      source: "sec0",
      layer: "guard",
      kind: input.kind,
      target: decision.target,
      tags: [...(context.tags ?? [])],
      reason: decision.reason,
      reasons: [...decision.reasons],
      ...(context.threadId === undefined ? {} : { thread_id: context.threadId }),
      ...(context.channelId === undefined ? {} : { channel_id: context.channelId }),
    },
  };
}

async function verifyApproval(
  deps: EscalationRunDeps,
  input: GuardInput,
  decision: GuardDecision,
  binding: { toolRef: string; callDigest: string },
  resolution: EscalationResolution,
): Promise<void> {
  const check = await checkApproval(deps.escalation.verifier as ApprovalVerifier, resolution, {
    ...binding,
    ...(input.context?.nodeId === undefined ? {} : { nodeId: input.context.nodeId }),
    ...(input.context?.runId === undefined ? {} : { runId: input.context.runId }),
  });
  if (check.valid) return;
  const why =
    check.reason === "no_approval_token"
      ? "the approval came without an approval token (or it was already used)"
      : check.reason === "refused"
        ? `the approval token was refused (${check.detail})`
        : `the approval token could not be verified: ${check.detail}`;
  throw await failed(deps, input, decision, "approval", new Error(why), "The escalation was approved, but");
}

async function failed(
  deps: EscalationRunDeps,
  input: GuardInput,
  decision: GuardDecision,
  stage: "create" | "wait" | "approval",
  error: unknown,
  what: string,
): Promise<GuardEscalationError> {
  const cause = error instanceof Error ? error : new Error(String(error));
  const wrapped = new GuardEscalationError(`${what}: ${cause.message}`, {
    details: {
      stage,
      reason: decision.reason,
      ...(decision.escalation?.escalationId === undefined
        ? {}
        : { escalationId: decision.escalation.escalationId }),
    },
    cause: error,
  });
  await callHook(deps, "onEscalationError", () =>
    deps.hooks.onEscalationError?.({ input, decision, stage, error: wrapped }),
  );
  return wrapped;
}

async function notify(
  deps: EscalationRunDeps,
  input: GuardInput,
  decision: GuardDecision,
  send: () => Promise<void> | undefined,
): Promise<void> {
  try {
    await send();
  } catch (error) {
    // The escalation exists either way (humans also see it in the control plane); a notification
    // failure is reported, never mistaken for a verdict.
    deps.logger.warn(
      { err: (error as Error).message, escalationId: decision.escalation?.escalationId },
      "sec0 guard: escalation notification failed",
    );
    await callHook(deps, "onEscalationError", () =>
      deps.hooks.onEscalationError?.({ input, decision, stage: "notify", error: error as Error }),
    );
  }
}

async function callHook(deps: EscalationRunDeps, name: string, call: () => unknown): Promise<void> {
  try {
    await call();
  } catch (error) {
    deps.logger.warn({ err: (error as Error)?.message, hook: name }, "sec0 guard: a hook threw; ignored");
  }
}
