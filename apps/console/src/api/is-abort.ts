/**
 * True for the error a fetch throws when its signal was aborted (the page moved on: not a failure to show).
 *
 * @example
 * if (!isAbort(error)) setError(error);
 */
export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === "AbortError";
}
