import { Sec0Error } from "@sec0/core";

/**
 * The control plane's error codes, their HTTP status and what they mean (docs/errors.md lists
 * them). Every error leaves as an RFC 9457 `application/problem+json` body with the code.
 */
export const CONTROL_PLANE_ERRORS = {
  CP_REQUEST_INVALID: 400,
  CP_BODY_INVALID: 400,
  CP_POLICY_INVALID: 400,
  CP_UNAUTHENTICATED: 401,
  CP_API_KEY_REVOKED: 401,
  CP_SCOPE_MISSING: 403,
  CP_TENANT_MISMATCH: 403,
  CP_NOT_FOUND: 404,
  CP_ROUTE_NOT_FOUND: 404,
  CP_CONFLICT: 409,
  CP_ESCALATION_FINAL: 409,
  CP_VOTE_DUPLICATE: 409,
  CP_PRECONDITION_FAILED: 412,
  CP_BODY_TOO_LARGE: 413,
  CP_UNSUPPORTED_MEDIA_TYPE: 415,
  CP_NOT_CONFIGURED: 501,
  CP_UNAVAILABLE: 503,
  CP_INTERNAL: 500,
  CP_CONFIG_INVALID: 500,
  CP_POLICY_TENANT_MISMATCH: 400,
  CP_BRIDGE_URL_INVALID: 400,
  // Audit evidence (uploads, witness).
  CP_AUDIT_INVALID: 400,
  CP_AUDIT_KEY_UNKNOWN: 400,
  CP_UPLOAD_TOKEN_INVALID: 401,
  CP_AUDIT_WITNESS_CONFLICT: 409,
  // Decisions (runtime, evaluator, NL judge).
  /** An upstream service the control plane calls (the NL judge) failed or answered badly. */
  CP_UPSTREAM_FAILED: 502,
} as const;

/** One of {@link CONTROL_PLANE_ERRORS}. */
export type ControlPlaneErrorCode = keyof typeof CONTROL_PLANE_ERRORS;

/** An error that answers the request with its status and code. */
export class ControlPlaneHttpError extends Sec0Error {
  readonly status: number;

  constructor(code: ControlPlaneErrorCode, message: string, details?: Readonly<Record<string, unknown>>) {
    super(code, message, details === undefined ? {} : { details: { ...details } });
    this.status = CONTROL_PLANE_ERRORS[code];
  }
}

/**
 * Builds the error a route throws to answer with a problem body.
 *
 * @example
 * throw httpError("CP_NOT_FOUND", "No escalation esc_1 in tenant acme.");
 */
export function httpError(
  code: ControlPlaneErrorCode,
  message: string,
  details?: Readonly<Record<string, unknown>>,
): ControlPlaneHttpError {
  return new ControlPlaneHttpError(code, message, details);
}
