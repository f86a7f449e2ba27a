/** The problem+json body the control plane answers errors with (RFC 9457 plus `code`). */
export interface ProblemBody {
  readonly type?: string;
  readonly title?: string;
  readonly status?: number;
  readonly code?: string;
  readonly detail?: string;
  readonly details?: Record<string, unknown>;
}

/** Codes the console gives for failures that never reached a problem body. */
export type ConsoleErrorCode = "CONSOLE_NETWORK" | "CONSOLE_BAD_REPLY";

/**
 * A failed API call: the server's `code` (e.g. `CP_SCOPE_MISSING`), its HTTP status and its
 * sentence, ready to show as is.
 */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: string, message: string, status: number, details?: Record<string, unknown>) {
    super(message);
    this.name = "ApiError";
    this.code = code;
    this.status = status;
    this.details = details;
  }
}

/** True for an {@link ApiError} that means the key is not (or no longer) valid. */
export function isUnauthenticated(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401;
}

/** The sentence to show for any thrown value: the server's text and code when there are some. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return `${error.message} (${error.code})`;
  if (error instanceof Error) return error.message;
  return String(error);
}

/** Reads a failed response as an {@link ApiError}, whatever its body is. */
export async function apiErrorOf(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => "");
  let problem: ProblemBody = {};
  try {
    problem = JSON.parse(text) as ProblemBody;
  } catch {
    // Not JSON (a proxy's page): fall back to the status line below.
  }
  const code = typeof problem.code === "string" ? problem.code : `HTTP_${response.status}`;
  const message =
    problem.detail ??
    problem.title ??
    `The control plane answered ${response.status} ${response.statusText}.`;
  return new ApiError(code, message, response.status, problem.details);
}
