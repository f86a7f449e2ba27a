/** JSON-safe detail values carried by a {@link Sec0Error}. */
export type Sec0ErrorDetails = Readonly<Record<string, unknown>>;

/**
 * The one error class of sec0. `code` is stable public API (`SCREAMING_SNAKE` with an area
 * prefix) and is listed in docs/errors.md; the message says what to do about it.
 *
 * @example
 * throw new Sec0Error("CORE_TOOL_REF_INVALID", "Tool reference is empty; use mcp://server/tool@1.0.");
 */
export class Sec0Error<Code extends string = string> extends Error {
  readonly code: Code;
  readonly details: Sec0ErrorDetails | undefined;

  constructor(code: Code, message: string, options?: { details?: Sec0ErrorDetails; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = "Sec0Error";
    this.code = code;
    this.details = options?.details;
  }

  /** A plain object for logs and HTTP problem bodies: code, message and details, never the stack. */
  toJSON(): { code: Code; message: string; details?: Sec0ErrorDetails } {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

/** True when `value` is a {@link Sec0Error}, optionally with the given code. */
export function isSec0Error<Code extends string = string>(
  value: unknown,
  code?: Code,
): value is Sec0Error<Code> {
  return value instanceof Sec0Error && (code === undefined || value.code === code);
}

/** A package's error codes, each with one sentence saying what it means. */
export type ErrorCodeTable = Readonly<Record<string, string>>;

/**
 * Declares a package's error-code table (one per package, in its `errors.ts`). The table is the
 * source of truth: docs/errors.md must list exactly the codes of every table, and every code a
 * package throws must be in its table (both checked by a test).
 *
 * @example
 * export const GUARD_ERRORS = defineErrorCodes({ GUARD_CONFIG_INVALID: "An engine option is unusable." });
 * type GuardErrorCode = keyof typeof GUARD_ERRORS;
 */
export function defineErrorCodes<const Table extends ErrorCodeTable>(table: Table): Table {
  return Object.freeze({ ...table });
}

/** The error codes `@sec0/core` throws, each with what it means; docs/errors.md says what to do. */
export const CORE_ERRORS = defineErrorCodes({
  CORE_TOOL_REF_INVALID:
    "A tool reference is empty, has no tool name, ends in @, or holds a % that is not a %XX escape.",
  CORE_ALLOWLIST_ENTRY_INVALID: "An allowlist entry is empty or malformed (or holds a bad % escape).",
  CORE_AGENT_STATE_INVALID:
    "Agent-state headers or payload are malformed, a key is present with a null value, a scope is unknown, or x-agent-state disagrees with x-node-id / x-agent-ref / x-agent-parent-ref.",
  CORE_AGENT_STATE_TOO_LARGE: "x-agent-state is longer than 8192 characters.",
  CORE_CANONICAL_JSON_INVALID:
    "A value to canonicalise (and so to sign or hash) contains a non-finite number, a bigint, a function, a symbol or a cycle.",
  CORE_TRACE_CONTEXT_INVALID:
    "A trace context to send as traceparent / tracestate has a malformed or all-zero trace id or span id, flags outside 0–255, a bad tracestate key or value, a repeated key, or more than 32 entries.",
  CORE_BRIDGE_SECRET_INVALID:
    "computeBridgeSignature, createBridgeSignatureHeaders or verifyBridgeSignature got an empty approvals-bridge HMAC secret (anyone could forge a signature with it).",
  CORE_CONTROL_PLANE_CONFIG_INVALID:
    "createControlPlaneClient (@sec0/core/control-plane) got a baseUrl that is not an http(s) URL, a timeoutMs that is not positive, or a negative retries / retryBackoffMs.",
  CORE_CONTROL_PLANE_UNAVAILABLE:
    "The control plane did not answer (timeout or network error) after the client's retries.",
  CORE_CONTROL_PLANE_HTTP_ERROR:
    "The control plane answered with a non-2xx status (5xx and 429 are retried first).",
  CORE_CONTROL_PLANE_INVALID_REPLY:
    "The control plane's reply is not JSON (details.kind invalid_json) or breaks the zod contract in @sec0/core (contract_violation, with details.issue naming the path).",
  CORE_CONTROL_PLANE_TENANT_MISMATCH:
    "A control-plane reply (a policy document, discover, validate-key) names a different tenant than the one requested; it is not used.",
  CORE_IDEMPOTENCY_KEY_INVALID:
    "An idempotency key (explicit, _meta, x-idempotency-key / x-idempotency, or the idempotency_key / idempotencyKey argument) is not a string or is longer than 512 characters.",
});

/** A code of {@link CORE_ERRORS}. */
export type CoreErrorCode = keyof typeof CORE_ERRORS;
