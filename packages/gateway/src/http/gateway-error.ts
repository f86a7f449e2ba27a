import { type GatewayErrorCode, gatewayErrorStatus } from "@sec0/core/contracts";

/** Denial and escalation fields of a gateway error body (0.2.3's names). */
export interface GatewayErrorFields {
  readonly denial_level?: string;
  readonly denial_type?: string;
  readonly denial_reason?: string;
  readonly escalation_id?: string;
  readonly escalation_status?: string;
  readonly escalation_error?: string;
}

/** Options of a {@link GatewayError}. */
export interface GatewayErrorOptions {
  /** HTTP status; default the code's status. */
  readonly status?: number;
  /** `Retry-After`, in seconds (429, 503). */
  readonly retryAfterSec?: number;
  readonly fields?: GatewayErrorFields;
  /** Extra reply headers (quota state, `WWW-Authenticate`). */
  readonly headers?: Readonly<Record<string, string>>;
  readonly cause?: unknown;
}

/**
 * An error the gateway answers with: a wire code from the gateway contract (`UNAUTHENTICATED`,
 * `TOOL_NOT_ALLOWED`, …), its HTTP status, and a message safe to show the caller (never a token,
 * a key or an upstream credential).
 *
 * @example
 * throw new GatewayError("TARGET_NOT_FOUND", "No target is configured for server files.");
 */
export class GatewayError extends Error {
  readonly code: GatewayErrorCode | (string & {});
  readonly status: number;
  readonly retryAfterSec: number | undefined;
  readonly fields: GatewayErrorFields;
  readonly headers: Readonly<Record<string, string>>;

  constructor(code: GatewayErrorCode | (string & {}), message: string, options: GatewayErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "GatewayError";
    this.code = code;
    this.status = options.status ?? statusOf(code);
    this.retryAfterSec = options.retryAfterSec;
    this.fields = options.fields ?? {};
    this.headers = options.headers ?? {};
  }
}

function statusOf(code: string): number {
  try {
    return gatewayErrorStatus(code as GatewayErrorCode) ?? 500;
  } catch {
    return 500;
  }
}

/** True for a {@link GatewayError} (also across copies of the package). */
export function isGatewayError(value: unknown): value is GatewayError {
  return value instanceof GatewayError || (value as { name?: unknown } | null)?.name === "GatewayError";
}
