import type { z } from "zod";
import {
  type EvaluatorInput,
  type EvaluatorOutput,
  EvaluatorOutputSchema,
} from "../contracts/contextual-evaluator.js";
import {
  type ApprovalVerifyRequest,
  type ApprovalVerifyResponse,
  ApprovalVerifyResponseSchema,
  CONTROL_PLANE_PATHS,
  type NlEvalRequest,
  type NlEvalResponse,
  NlEvalResponseSchema,
  type UploadUrlRequest,
  type UploadUrlResponse,
  UploadUrlResponseSchema,
} from "../contracts/control-plane.js";
import { type EscalationResponse, EscalationResponseSchema } from "../contracts/escalation-status.js";
import type { EscalationCreateRequest } from "../contracts/escalations.js";
import {
  RUNTIME_EVALUATE_PATH,
  type RuntimeDecisionRequest,
  type RuntimeDecisionResponse,
  RuntimeDecisionResponseSchema,
} from "../contracts/runtime-decision.js";
import {
  type ControlPlaneClientOptions,
  resolveControlPlaneClientOptions,
} from "./control-plane-client-options.js";
import { controlPlaneUrl } from "./control-plane-url.js";
import {
  getPolicyDocument,
  type PolicyDocumentQuery,
  type PolicyDocumentReply,
} from "./get-policy-document.js";
import { parseControlPlaneReply } from "./parse-control-plane-reply.js";
import {
  type ControlPlaneRequest,
  type ControlPlaneResponse,
  sendControlPlaneRequest,
} from "./send-control-plane-request.js";

/** Per-call overrides of the client's timeout and retries. */
export interface ControlPlaneCallOptions {
  readonly timeoutMs?: number;
  readonly retries?: number;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * The one HTTP client of the control plane. Every method throws `CORE_CONTROL_PLANE_UNAVAILABLE`
 * (no answer), `CORE_CONTROL_PLANE_HTTP_ERROR` (non-2xx) or `CORE_CONTROL_PLANE_INVALID_REPLY`
 * (not JSON, or breaks the contract); `details` is a {@link ControlPlaneFailure}.
 */
export interface ControlPlaneClient {
  readonly baseUrl: string;
  /** Sends any request and resolves the raw answer. */
  request(request: ControlPlaneRequest): Promise<ControlPlaneResponse>;
  /** `POST`s JSON and validates the reply with `schema`. */
  postJson<Schema extends z.ZodType>(
    path: string,
    body: unknown,
    schema: Schema,
    options?: ControlPlaneCallOptions,
  ): Promise<z.output<Schema>>;
  /** `GET`s a text body (2xx, or a status in `acceptStatuses`). */
  getText(
    path: string,
    options?: ControlPlaneCallOptions & Pick<ControlPlaneRequest, "query" | "acceptStatuses">,
  ): Promise<ControlPlaneResponse>;
  /** `GET /api/policy/{tenant}` (YAML) with `If-None-Match`. */
  getPolicy(query: PolicyDocumentQuery): Promise<PolicyDocumentReply>;
  /** `POST /api/escalations`. */
  createEscalation(body: EscalationCreateRequest): Promise<EscalationResponse>;
  /** `POST /api/compliance/approvals/verify`. */
  verifyApproval(body: ApprovalVerifyRequest): Promise<ApprovalVerifyResponse>;
  /** `POST /api/evaluator/contextual`. */
  evaluateContext(input: EvaluatorInput): Promise<EvaluatorOutput>;
  /** `POST /api/compliance/nl-eval`. */
  evaluateNaturalLanguageRule(body: NlEvalRequest): Promise<NlEvalResponse>;
  /** `POST /api/sec0/upload-url`. */
  requestUploadUrl(body: UploadUrlRequest): Promise<UploadUrlResponse>;
  /** `POST /v1/runtime/evaluate` (or `path`, for a runtime service mounted elsewhere). */
  evaluateRuntime(
    request: RuntimeDecisionRequest,
    options?: ControlPlaneCallOptions & { readonly path?: string },
  ): Promise<RuntimeDecisionResponse>;
}

/**
 * Creates the control-plane client: one place for the base URL, `Authorization: Bearer <apiKey>`,
 * the per-attempt timeout, retries with linear backoff (only after a network error, a timeout, a
 * 5xx or a 429) and the mapping of failures to errors. Error messages and details carry the URL
 * without query and never a key.
 *
 * @throws {Sec0Error} `CORE_CONTROL_PLANE_CONFIG_INVALID` for a baseUrl that is not http(s) or a
 *   bad timeout, retry count or backoff.
 * @example
 * const client = createControlPlaneClient({ baseUrl: "https://api.sec0.ai", apiKey: "sec0_…", retries: 1 });
 * const { valid } = await client.verifyApproval({ token: "apt_1", context: { tool_ref: "mcp://fs/write@1.0" } });
 */
export function createControlPlaneClient(options: ControlPlaneClientOptions): ControlPlaneClient {
  const resolved = resolveControlPlaneClientOptions(options);
  controlPlaneUrl(resolved.baseUrl, "");
  const request = (req: ControlPlaneRequest) => sendControlPlaneRequest(resolved, req);
  const postJson = async <Schema extends z.ZodType>(
    path: string,
    body: unknown,
    schema: Schema,
    call: ControlPlaneCallOptions = {},
  ): Promise<z.output<Schema>> => {
    const response = await request({ method: "POST", path, body, ...call });
    return parseControlPlaneReply(response, schema, {
      url: controlPlaneUrl(resolved.baseUrl, path),
      method: "POST",
    });
  };
  return {
    baseUrl: resolved.baseUrl,
    request,
    postJson,
    getText: (path, call = {}) => request({ method: "GET", path, ...call }),
    getPolicy: (query) => getPolicyDocument(resolved, query),
    createEscalation: (body) => postJson(CONTROL_PLANE_PATHS.escalations, body, EscalationResponseSchema),
    verifyApproval: (body) =>
      postJson(CONTROL_PLANE_PATHS.approvalsVerify, body, ApprovalVerifyResponseSchema),
    evaluateContext: (input) =>
      postJson(CONTROL_PLANE_PATHS.contextualEvaluator, input, EvaluatorOutputSchema),
    evaluateNaturalLanguageRule: (body) => postJson(CONTROL_PLANE_PATHS.nlEval, body, NlEvalResponseSchema),
    requestUploadUrl: (body) => postJson(CONTROL_PLANE_PATHS.uploadUrl, body, UploadUrlResponseSchema),
    evaluateRuntime: (body, { path = RUNTIME_EVALUATE_PATH, ...call } = {}) =>
      postJson(path, body, RuntimeDecisionResponseSchema, call),
  };
}
