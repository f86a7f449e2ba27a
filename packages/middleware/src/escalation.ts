import {
  type ApprovalVerifyResponse,
  ApprovalVerifyResponseSchema,
  type EscalationCreateInput,
  type EscalationCreateResult,
  EscalationResponseSchema,
  fromEscalationRecord,
  Sec0Error,
  toEscalationCreateRequest,
} from "@sec0/core";
import { type ControlPlaneClientOptions, postJson } from "./control-plane-http.js";

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

/** Checks approval tokens: bound to the exact call, one use, unexpired (DESIGN.md decision 6). */
export interface ApprovalVerifier {
  verify(check: ApprovalCheck): Promise<ApprovalVerifyResponse>;
}

/** Escalations through `POST {baseUrl}/api/escalations`. */
export function createControlPlaneEscalationReporter(options: ControlPlaneClientOptions): EscalationReporter {
  return {
    async create(input) {
      const body = await postJson(options, "/api/escalations", toEscalationCreateRequest(input));
      const { escalation } = parseReply(EscalationResponseSchema, body, "/api/escalations");
      const { id, status, expiresAt, createdAt, requesterStatusMessage } = fromEscalationRecord(escalation);
      return {
        id,
        status,
        ...(expiresAt === undefined ? {} : { expiresAt }),
        ...(createdAt === undefined ? {} : { createdAt }),
        ...(requesterStatusMessage === undefined ? {} : { requesterStatusMessage }),
      };
    },
  };
}

/** Approval checks through `POST {baseUrl}/api/compliance/approvals/verify`. */
export function createControlPlaneApprovalVerifier(options: ControlPlaneClientOptions): ApprovalVerifier {
  return {
    async verify(check) {
      const body = await postJson(options, "/api/compliance/approvals/verify", {
        token: check.token,
        context: {
          tool_ref: check.toolRef,
          call_digest: check.callDigest,
          ...(check.nodeId === undefined ? {} : { node_id: check.nodeId }),
          ...(check.runId === undefined ? {} : { agent_ref: check.runId }),
        },
      });
      return parseReply(ApprovalVerifyResponseSchema, body, "/api/compliance/approvals/verify");
    },
  };
}

function parseReply<T>(
  schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } },
  body: unknown,
  path: string,
): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new Sec0Error(
      "MIDDLEWARE_CONTROL_PLANE_UNAVAILABLE",
      `The control plane's reply to ${path} breaks the contract.`,
      {
        details: { path },
      },
    );
  }
  return parsed.data;
}
