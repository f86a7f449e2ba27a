import type {
  ApprovalVerifyResponse,
  EscalationCreateInput,
  EscalationCreateResult,
} from "@sec0/core/contracts";
import { type ControlPlaneClientOptions, createControlPlaneClient } from "@sec0/core/control-plane";
import {
  createEscalationClient,
  type EscalationClient,
  type EscalationClientOptions,
} from "./escalation-client.js";

/** Creates escalations: the channel that brings a human in (the control plane in hosted mode). */
export interface EscalationReporter {
  create(input: EscalationCreateInput): Promise<EscalationCreateResult>;
}

/** The call an approval token must be bound to. */
export interface ApprovalCheck {
  readonly token: string;
  readonly toolRef: string;
  readonly callDigest: string;
  readonly nodeId?: string;
  readonly runId?: string;
}

/** Checks approval tokens: bound to the exact call, one use, unexpired (docs/principles.md, principle 6). */
export interface ApprovalVerifier {
  verify(check: ApprovalCheck): Promise<ApprovalVerifyResponse>;
}

/** Timeout of the escalation and approval calls unless the options set one. */
const ESCALATION_TIMEOUT_MS = 2500;

/**
 * The escalation client of the control plane (`POST`, `GET` and `PUT {baseUrl}/api/escalations`,
 * timeout 2500 ms unless set, a long-polled read gets its wait on top), as the reporter of the
 * engine: the middleware and the guard share this one client.
 *
 * @throws {Sec0Error} from `create`: `CORE_CONTROL_PLANE_UNAVAILABLE`,
 *   `CORE_CONTROL_PLANE_HTTP_ERROR` or `CORE_CONTROL_PLANE_INVALID_REPLY`; the engine refuses the
 *   call (fail closed). See {@link createEscalationClient} for the other methods.
 * @example
 * const reporter = createControlPlaneEscalationReporter({ baseUrl: "https://api.sec0.ai", apiKey });
 */
export function createControlPlaneEscalationReporter(options: EscalationClientOptions): EscalationClient {
  return createEscalationClient({ ...options, timeoutMs: options.timeoutMs ?? ESCALATION_TIMEOUT_MS });
}

/**
 * Approval checks through `POST {baseUrl}/api/compliance/approvals/verify` (timeout 2500 ms
 * unless set).
 *
 * @throws {Sec0Error} from `verify`: the codes of {@link createControlPlaneEscalationReporter}.
 * @example
 * const verifier = createControlPlaneApprovalVerifier({ baseUrl: "https://api.sec0.ai", apiKey });
 */
export function createControlPlaneApprovalVerifier(options: ControlPlaneClientOptions): ApprovalVerifier {
  const client = createControlPlaneClient({
    ...options,
    timeoutMs: options.timeoutMs ?? ESCALATION_TIMEOUT_MS,
  });
  return {
    async verify(check) {
      return client.verifyApproval({
        token: check.token,
        context: {
          tool_ref: check.toolRef,
          call_digest: check.callDigest,
          ...(check.nodeId === undefined ? {} : { node_id: check.nodeId }),
          ...(check.runId === undefined ? {} : { agent_ref: check.runId }),
        },
      });
    },
  };
}
