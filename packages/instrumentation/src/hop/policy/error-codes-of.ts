// The error codes along a cause chain: what a hop may record and report about a failure.

/**
 * The string `code`s along `error`'s cause chain, outermost first, de-duplicated (at most 5
 * levels; messages are never taken, as they may carry URLs). `["UNKNOWN"]` when there is none.
 *
 * @example
 * errorCodesOf(policyError); // e.g. ["GUARD_POLICY_UNAVAILABLE", "POLICY_UNAVAILABLE"]
 */
export function errorCodesOf(error: unknown): readonly string[] {
  const codes: string[] = [];
  for (let at = error, depth = 0; at !== undefined && at !== null && depth < 5; depth += 1) {
    const code = (at as { code?: unknown }).code;
    if (typeof code === "string" && !codes.includes(code)) codes.push(code);
    at = (at as { cause?: unknown }).cause;
  }
  return codes.length === 0 ? ["UNKNOWN"] : codes;
}
