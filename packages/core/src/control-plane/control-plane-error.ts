import { Sec0Error } from "../errors.js";

/** Why a control-plane request failed. */
export type ControlPlaneFailureKind =
  | "timeout"
  | "network"
  | "http"
  | "invalid_json"
  | "contract_violation"
  | "too_large";

/**
 * The `details` of every control-plane error: where it went, how it failed, after how many
 * attempts. Never a header, a key or a body.
 */
export interface ControlPlaneFailure {
  /** Origin and path of the request (no query, no credentials). */
  readonly url: string;
  readonly method: string;
  readonly kind: ControlPlaneFailureKind;
  /** HTTP status, when the control plane answered. */
  readonly status?: number;
  readonly attempts: number;
  /** Path of the first contract issue (`decision.action`), for `contract_violation`. */
  readonly issue?: string;
  /** The byte limit the reply went past, for `too_large`. */
  readonly maxBytes?: number;
}

/** The codes of the errors {@link createControlPlaneClient} throws. */
export type ControlPlaneErrorCode =
  | "CORE_CONTROL_PLANE_UNAVAILABLE"
  | "CORE_CONTROL_PLANE_HTTP_ERROR"
  | "CORE_CONTROL_PLANE_INVALID_REPLY";

/**
 * Builds the error for a failed request: `CORE_CONTROL_PLANE_UNAVAILABLE` (timeout, network),
 * `CORE_CONTROL_PLANE_HTTP_ERROR` (non-2xx) or `CORE_CONTROL_PLANE_INVALID_REPLY` (not JSON, or
 * breaks the contract).
 *
 * @example
 * throw controlPlaneError({ url, method: "POST", kind: "http", status: 503, attempts: 3 });
 */
export function controlPlaneError(
  failure: ControlPlaneFailure,
  cause?: unknown,
): Sec0Error<ControlPlaneErrorCode> {
  const options = { details: { ...failure }, ...(cause === undefined ? {} : { cause }) };
  const target = `${failure.method} ${failure.url}`;
  const tries = failure.attempts > 1 ? ` after ${failure.attempts} attempts` : "";
  switch (failure.kind) {
    case "timeout":
    case "network":
      return new Sec0Error(
        "CORE_CONTROL_PLANE_UNAVAILABLE",
        `The control plane did not answer ${target}${tries} (${failure.kind}); check the base URL and its health.`,
        options,
      );
    case "http":
      return new Sec0Error(
        "CORE_CONTROL_PLANE_HTTP_ERROR",
        `The control plane answered HTTP ${failure.status} to ${target}${tries}; check the API key and the request.`,
        options,
      );
    default:
      return new Sec0Error(
        "CORE_CONTROL_PLANE_INVALID_REPLY",
        `The control plane's reply to ${target} ${replyProblem(failure)}; check that the base URL points at a sec0 control plane of a compatible version.`,
        options,
      );
  }
}

function replyProblem(failure: ControlPlaneFailure): string {
  if (failure.kind === "invalid_json") return "is not JSON";
  if (failure.kind === "too_large") return `is larger than ${failure.maxBytes} bytes (maxResponseBytes)`;
  return `breaks the contract at ${failure.issue ?? "(root)"}`;
}

/**
 * The {@link ControlPlaneFailure} of an error thrown by the control-plane client, or `undefined`
 * for any other value.
 *
 * @example
 * const failure = controlPlaneFailureOf(error);
 * if (failure?.kind === "timeout") retryLater();
 */
export function controlPlaneFailureOf(error: unknown): ControlPlaneFailure | undefined {
  if (!(error instanceof Sec0Error) || !error.code.startsWith("CORE_CONTROL_PLANE_")) return undefined;
  const details = error.details as ControlPlaneFailure | undefined;
  return typeof details?.kind === "string" ? details : undefined;
}

/**
 * True for failures worth another attempt: no answer (network error, timeout), a 5xx or a 429.
 *
 * @example
 * isRetryableFailure({ url, method: "GET", kind: "http", status: 503, attempts: 1 }); // true
 */
export function isRetryableFailure(failure: Pick<ControlPlaneFailure, "kind" | "status">): boolean {
  if (failure.kind === "timeout" || failure.kind === "network") return true;
  const status = failure.status ?? 0;
  return failure.kind === "http" && (status >= 500 || status === 429);
}
