/** JSON-safe detail values carried by a {@link Sec0Error}. */
export type Sec0ErrorDetails = Readonly<Record<string, unknown>>;

/**
 * The one error class of sec0. `code` is stable public API (`SCREAMING_SNAKE` with an area
 * prefix) and is listed in docs/errors.md; the message says what to do about it.
 *
 * @example
 * throw new Sec0Error("CORE_TOOL_REF_INVALID", "Tool reference is empty; use mcp://server/tool@1.0.");
 */
export class Sec0Error extends Error {
  readonly code: string;
  readonly details: Sec0ErrorDetails | undefined;

  constructor(code: string, message: string, options?: { details?: Sec0ErrorDetails; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = "Sec0Error";
    this.code = code;
    this.details = options?.details;
  }

  /** A plain object for logs and HTTP problem bodies: code, message and details, never the stack. */
  toJSON(): { code: string; message: string; details?: Sec0ErrorDetails } {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

/** True when `value` is a {@link Sec0Error}, optionally with the given code. */
export function isSec0Error(value: unknown, code?: string): value is Sec0Error {
  return value instanceof Sec0Error && (code === undefined || value.code === code);
}
