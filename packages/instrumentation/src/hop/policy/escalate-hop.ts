// A hop's escalation through the control plane: created with the hop's facts, then waited on.
import { type Decision, isSec0Error, reasonSeverity } from "@sec0/core";
import { computeCallDigest, type EscalationCreateInput } from "@sec0/core/contracts";
import {
  type ApprovalVerifier,
  checkApproval,
  createControlPlaneApprovalVerifier,
  createControlPlaneEscalationReporter,
  type EscalationClient,
  type EscalationResolution,
} from "@sec0/guard";
import type { AppProfile, HopConfig } from "../../hop-types.js";
import { digestOf } from "../hop-digest.js";
import type { HopControlPlane } from "./hop-control-plane.js";

/**
 * How a hop's escalation ended: a verdict, the wait's `timeout`, `unverified` (approved, but the
 * approval token was missing or refused for this call) or `failed` (not created or not read).
 */
export interface HopEscalationOutcome {
  readonly id?: string;
  readonly status: "approved" | "rejected" | "expired" | "timeout" | "unverified" | "failed";
  /** `failed` only: the error's code (never a key). */
  readonly errorCode?: string;
  /** `unverified` only: why the approval did not count. */
  readonly invalidReason?: string;
}

/** What the escalation says about the call. */
export interface HopEscalationInput {
  readonly hop: HopConfig;
  readonly decision: Decision;
  readonly runId: string;
  /** The caller's arguments: the approval is bound to their digest. */
  readonly args: readonly unknown[];
  readonly policyHash?: string;
}

/** The call an approval token must be bound to. */
interface HopBinding {
  readonly toolRef: string;
  readonly callDigest: string;
}

interface HopEscalationClients {
  readonly client: EscalationClient;
  readonly verifier: ApprovalVerifier;
}

const clients = new WeakMap<AppProfile, HopEscalationClients>();

/**
 * Creates the hop's escalation (metadata `layer: "instrumentation"`, `hop`, `policy_hash`,
 * `reasons`) and waits for a human with `controlPlane.escalation` (timeoutMs, pollIntervalMs,
 * maxRetries, retryBackoffMs). An approval counts only with an approval token the control plane
 * verifies for this exact call (`hop:<type>:<key>`, the digest of the arguments, node and run), as
 * in the guard. Never throws: a failure to create or read is the outcome `failed`, which denies
 * like a rejection (fail closed).
 *
 * @example
 * const { status } = await escalateHop(profile, controlPlane, { hop, decision, runId });
 */
export async function escalateHop(
  profile: AppProfile,
  controlPlane: HopControlPlane,
  input: HopEscalationInput,
): Promise<HopEscalationOutcome> {
  const { client, verifier } = clientsFor(profile, controlPlane);
  const binding = bindingOf(input);
  let id: string | undefined;
  try {
    id = (await client.create(createRequest(controlPlane, input, binding))).id;
    const wait = controlPlane.escalation;
    const resolution = await client.waitForResolution(id, {
      timeoutMs: wait.timeoutMs,
      pollIntervalMs: wait.pollIntervalMs,
      maxRetries: wait.maxRetries,
      retryBackoffMs: wait.retryBackoffMs,
    });
    if (resolution.status !== "approved") return { id, status: resolution.status };
    return await verifyApproval(verifier, input, binding, resolution);
  } catch (error) {
    return {
      ...(id === undefined ? {} : { id }),
      status: "failed",
      errorCode: isSec0Error(error) ? error.code : "UNKNOWN",
    };
  }
}

async function verifyApproval(
  verifier: ApprovalVerifier,
  input: HopEscalationInput,
  binding: HopBinding,
  resolution: EscalationResolution,
): Promise<HopEscalationOutcome> {
  const id = resolution.escalationId;
  const check = await checkApproval(verifier, resolution, {
    ...binding,
    nodeId: input.hop.nodeId,
    runId: input.runId,
  });
  if (check.valid) return { id, status: "approved" };
  if (check.reason === "no_approval_token")
    return { id, status: "unverified", invalidReason: "no_approval_token" };
  if (check.reason === "refused") return { id, status: "unverified", invalidReason: check.detail };
  return { id, status: "failed", errorCode: isSec0Error(check.error) ? check.error.code : "UNKNOWN" };
}

function bindingOf(input: HopEscalationInput): HopBinding {
  const toolRef = `hop:${input.hop.type}:${input.hop.key}`;
  const callDigest = computeCallDigest({
    toolRef,
    args: { input_sha256: digestOf(input.args) },
    nodeId: input.hop.nodeId,
    runId: input.runId,
  });
  return { toolRef, callDigest };
}

function createRequest(
  controlPlane: HopControlPlane,
  input: HopEscalationInput,
  binding: HopBinding,
): EscalationCreateInput {
  const { hop, decision } = input;
  const violation = decision.reason ?? decision.reasons[0] ?? "hop_escalation";
  return {
    content: `The ${hop.type} hop ${hop.key} needs a human's approval before it runs (${violation}).`,
    violation,
    message: `sec0 instrumentation: ${hop.type} hop ${hop.key} escalated (${violation}).`,
    severity: reasonSeverity(violation),
    nodeId: hop.nodeId,
    agentRef: input.runId,
    toolRef: binding.toolRef,
    callDigest: binding.callDigest,
    ttlSeconds: controlPlane.escalation.ttlSeconds,
    timeoutAction: "auto_reject",
    metadata: {
      source: "sec0",
      layer: "instrumentation",
      hop: hop.key,
      hop_type: hop.type,
      node_id: hop.nodeId,
      policy_hash: input.policyHash ?? null,
      reason: violation,
      reasons: [...decision.reasons],
    },
  };
}

function clientsFor(profile: AppProfile, controlPlane: HopControlPlane): HopEscalationClients {
  let known = clients.get(profile);
  if (known === undefined) {
    const options = {
      baseUrl: controlPlane.baseUrl,
      apiKey: controlPlane.apiKey,
      timeoutMs: controlPlane.timeoutMs,
      fetch: controlPlane.fetch,
    };
    known = {
      client: createControlPlaneEscalationReporter(options),
      verifier: createControlPlaneApprovalVerifier(options),
    };
    clients.set(profile, known);
  }
  return known;
}
