// The control-plane HTTP client of @sec0/core (`@sec0/core/control-plane`), listed by name.

export { assertControlPlaneTenant, type TenantReplyOrigin } from "./assert-control-plane-tenant.js";
export {
  CONTROL_PLANE_CLIENT_DEFAULTS,
  type ControlPlaneClientOptions,
  type ResolvedControlPlaneClientOptions,
  resolveControlPlaneClientOptions,
} from "./control-plane-client-options.js";
export {
  type ControlPlaneErrorCode,
  type ControlPlaneFailure,
  type ControlPlaneFailureKind,
  controlPlaneError,
  controlPlaneFailureOf,
  isRetryableFailure,
} from "./control-plane-error.js";
export { type ControlPlaneQuery, controlPlaneUrl, redactUrl } from "./control-plane-url.js";
export {
  type ControlPlaneCallOptions,
  type ControlPlaneClient,
  createControlPlaneClient,
} from "./create-control-plane-client.js";
export {
  getPolicyDocument,
  type PolicyDocumentQuery,
  type PolicyDocumentReply,
} from "./get-policy-document.js";
export { parseControlPlaneReply, type ReplyOrigin } from "./parse-control-plane-reply.js";
export { DEFAULT_CONTROL_PLANE_URL, resolveControlPlaneUrl } from "./resolve-control-plane-url.js";
export {
  type ControlPlaneRequest,
  type ControlPlaneResponse,
  sendControlPlaneRequest,
} from "./send-control-plane-request.js";
