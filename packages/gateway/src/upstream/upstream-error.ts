/** What went wrong calling an upstream: its own error answer, a timeout, or no answer at all. */
export class UpstreamError extends Error {
  /** `UPSTREAM` (the upstream answered non-2xx, or badly) or `UPSTREAM_TIMEOUT`. */
  readonly code: "UPSTREAM" | "UPSTREAM_TIMEOUT" | (string & {});
  /** HTTP status for the caller: the upstream's own for its answers, else 502 / 504. */
  readonly status: number;
  /** The upstream's JSON error body, relayed to the caller (0.2.3). */
  readonly body: unknown;

  constructor(code: UpstreamError["code"], status: number, message: string, body?: unknown, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = "UpstreamError";
    this.code = code;
    this.status = status;
    this.body = body;
  }
}
