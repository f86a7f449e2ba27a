import { createHash } from "node:crypto";
import { Sec0Error } from "@sec0/core";
import { resolveControlPlaneUrl } from "@sec0/core/control-plane";
import {
  type ApprovalVerifier,
  checkApproval,
  createControlPlaneApprovalVerifier,
  createEscalationClient,
  type EscalationClient,
  type EscalationResolution,
} from "@sec0/guard";
import type {
  MoltbotEscalationFinding,
  MoltbotEscalationInput,
  MoltbotEscalationManager,
  MoltbotEscalationManagerOptions,
  MoltbotEscalationResult,
} from "./moltbot-escalation-types.js";

const MODES = ["human", "auto-approve", "auto-reject", "off"] as const;
const SEVERITY_RANK = { low: 1, medium: 2, high: 3, critical: 4 } as const;
/** 0.2.3's defaults. */
const DEFAULTS = {
  timeoutMs: 300_000,
  controlPlaneTimeoutMs: 8000,
  pollIntervalMs: 2000,
  maxRetries: 3,
  retryBackoffMs: 250,
};

/**
 * Creates the escalation manager of the OpenClaw hooks: `handle` turns a gate result into an
 * escalation on the control plane (through `@sec0/guard`'s escalation client, which does the
 * waiting) and says whether the message or call may go ahead. A control-plane approval counts only
 * with its approval token, verified (and used up) against the escalated content.
 *
 * @throws {Sec0Error} `SDK_OPENCLAW_CONFIG_INVALID` naming the bad option.
 * @example
 * const escalations = createMoltbotEscalationManager({ escalationMode: "human", apiKey: process.env.SEC0_API_KEY });
 * const { allow, status } = await escalations.handle({ gateResult: { escalate: true, escalationDetails: { violation: "agent_guard_failed" } }, content: "…" });
 */
export function createMoltbotEscalationManager(
  options: MoltbotEscalationManagerOptions,
): MoltbotEscalationManager {
  const mode = options?.escalationMode;
  if (!MODES.includes(mode)) invalid("escalationMode", `must be one of ${MODES.join(", ")}`);
  const wait = {
    timeoutMs: positive("timeoutMs", options.timeoutMs, DEFAULTS.timeoutMs, 1),
    // 0.2.3 raised too-small pauses to their minimum rather than refusing them.
    pollIntervalMs: Math.max(
      200,
      positive("pollIntervalMs", options.pollIntervalMs, DEFAULTS.pollIntervalMs, 0),
    ),
    maxRetries: positive("maxRetries", options.maxRetries, DEFAULTS.maxRetries, 0),
    retryBackoffMs: Math.max(
      50,
      positive("retryBackoffMs", options.retryBackoffMs, DEFAULTS.retryBackoffMs, 0),
    ),
  };
  const channel = mode === "human" ? createChannel(options) : undefined;
  const notify = <T>(hook: ((event: T) => void) | undefined, event: T) => {
    try {
      hook?.(event);
    } catch {
      // A hook never changes a verdict.
    }
  };
  const finish = (result: MoltbotEscalationResult) => {
    notify(options.onEscalationResolved, result);
    return result;
  };

  return {
    mode,
    maxWaitMs: mode === "human" && options.waitForResolution !== false ? wait.timeoutMs : 0,
    async handle(input) {
      const gate = input?.gateResult;
      if (gate === undefined || (gate.cancel !== true && gate.escalate !== true))
        return { allow: true, status: "allow" };
      const violation = gate.escalationDetails?.violation ?? "escalation_requested";
      if (gate.cancel === true) return finish({ allow: false, status: "blocked", violation });
      if (mode === "auto-approve") return finish({ allow: true, status: "approved", violation });
      if (mode !== "human" || channel === undefined)
        return finish({ allow: false, status: "rejected", violation });
      return finish(await escalate(channel, input, violation, { ...wait, options, notify }));
    },
  };
}

interface Channel {
  readonly client: EscalationClient;
  /** Undefined for a client of the caller's own, which is trusted as it answers. */
  readonly verifier: ApprovalVerifier | undefined;
}

function createChannel(options: MoltbotEscalationManagerOptions): Channel {
  if (options.manager !== undefined) return { client: options.manager, verifier: undefined };
  if (typeof options.apiKey !== "string" || options.apiKey === "")
    invalid("apiKey", 'is required for escalationMode "human" (or pass your own client as manager)');
  const cp = {
    apiKey: options.apiKey,
    timeoutMs: options.controlPlaneTimeoutMs ?? DEFAULTS.controlPlaneTimeoutMs,
    baseUrl: resolveControlPlaneUrl(
      options.controlPlaneUrl === undefined ? {} : { controlPlaneUrl: options.controlPlaneUrl },
    ),
  };
  return {
    client: createEscalationClient({
      ...cp,
      ...(options.tenant === undefined ? {} : { tenant: options.tenant }),
    }),
    verifier: createControlPlaneApprovalVerifier(cp),
  };
}

interface EscalateDeps {
  readonly timeoutMs: number;
  readonly pollIntervalMs: number;
  readonly maxRetries: number;
  readonly retryBackoffMs: number;
  readonly options: MoltbotEscalationManagerOptions;
  readonly notify: <T>(hook: ((event: T) => void) | undefined, event: T) => void;
}

async function escalate(
  channel: Channel,
  input: MoltbotEscalationInput,
  violation: string,
  deps: EscalateDeps,
): Promise<MoltbotEscalationResult> {
  const { options } = deps;
  const finding = strongestFinding(input.gateResult?.escalationDetails?.findings ?? []);
  const toolRef = input.gateResult?.escalationDetails?.toolRef ?? "openclaw:escalation";
  const callDigest = createHash("sha256").update(`${toolRef}\n${input.content}`).digest("hex");
  let id: string;
  try {
    const created = await channel.client.create({
      content: truncate(input.content === "" ? violation : input.content, 8000),
      violation,
      toolRef,
      callDigest,
      ...(finding?.severity === undefined ? {} : { severity: finding.severity }),
      ...(finding?.ruleId === undefined ? {} : { ruleId: finding.ruleId }),
      ...(finding?.message === undefined ? {} : { message: truncate(finding.message, 4000) }),
      ...(input.nodeId === undefined ? {} : { nodeId: input.nodeId }),
      ...(input.agentRef === undefined ? {} : { agentRef: input.agentRef }),
      ...(options.ttlSeconds === undefined ? {} : { ttlSeconds: options.ttlSeconds }),
      ...(options.timeoutAction === undefined ? {} : { timeoutAction: options.timeoutAction }),
    });
    id = created.id;
  } catch (error) {
    deps.notify(options.onEscalationError, { stage: "create", error: asError(error) });
    return { allow: false, status: "create_failed", violation, errorMessage: asError(error).message };
  }
  deps.notify(options.onEscalationCreated, { escalationId: id, violation });
  if (options.waitForResolution === false)
    return { allow: false, status: "pending", escalationId: id, violation };
  let resolution: EscalationResolution;
  try {
    resolution = await channel.client.waitForResolution(id, {
      timeoutMs: deps.timeoutMs,
      pollIntervalMs: deps.pollIntervalMs,
      maxRetries: deps.maxRetries,
      retryBackoffMs: deps.retryBackoffMs,
      ...(input.signal === undefined ? {} : { signal: input.signal }),
    });
  } catch (error) {
    deps.notify(options.onEscalationError, { stage: "wait", error: asError(error) });
    return {
      allow: false,
      status: "pending",
      escalationId: id,
      violation,
      errorMessage: asError(error).message,
    };
  }
  const base = { escalationId: id, resolution, violation };
  if (resolution.status !== "approved") return { allow: false, status: resolution.status, ...base };
  const verified = await verifyApproval(channel, resolution, { toolRef, callDigest, input });
  if (verified === true) return { allow: true, status: "approved", ...base };
  deps.notify(options.onEscalationError, { stage: "approval", error: new Error(verified) });
  return { allow: false, status: "blocked", ...base, errorMessage: verified };
}

/** True, or why the approval does not count. */
async function verifyApproval(
  channel: Channel,
  resolution: EscalationResolution,
  bound: { readonly toolRef: string; readonly callDigest: string; readonly input: MoltbotEscalationInput },
): Promise<true | string> {
  if (channel.verifier === undefined) return true;
  const check = await checkApproval(channel.verifier, resolution, {
    toolRef: bound.toolRef,
    callDigest: bound.callDigest,
    ...(bound.input.nodeId === undefined ? {} : { nodeId: bound.input.nodeId }),
    ...(bound.input.agentRef === undefined ? {} : { runId: bound.input.agentRef }),
  });
  if (check.valid) return true;
  if (check.reason === "no_approval_token")
    return "approved without an approval token: the approval cannot be verified";
  if (check.reason === "refused") return `approval token refused: ${check.detail}`;
  return `approval token could not be verified: ${check.detail}`;
}

/** Rule-backed findings first, then the most severe. */
function strongestFinding(
  findings: readonly MoltbotEscalationFinding[],
): MoltbotEscalationFinding | undefined {
  const score = (f: MoltbotEscalationFinding) =>
    (f.ruleId === undefined ? 0 : 10) + SEVERITY_RANK[f.severity ?? "low"];
  return [...findings].sort((a, b) => score(b) - score(a))[0];
}

function positive(field: string, value: number | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (!(Number.isFinite(value) && value >= min)) invalid(field, `must be a number of at least ${min}`);
  return value;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

function invalid(field: string, what: string): never {
  throw new Sec0Error("SDK_OPENCLAW_CONFIG_INVALID", `createMoltbotEscalationManager: ${field} ${what}.`, {
    details: { field },
  });
}
