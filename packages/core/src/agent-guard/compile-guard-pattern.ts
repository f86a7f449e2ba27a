import { compileLinearRegExp } from "../linear-regexp.js";

/** Regex flags a policy may give an Agent Guard pattern, each at most once; `g` is implied. */
export const GUARD_PATTERN_FLAGS = "dgimsuv";

/** Flags of a pattern that sets none: 0.2.3 matched case-insensitively. */
export const DEFAULT_GUARD_PATTERN_FLAGS = "i";

/** Result of {@link compileGuardPattern}: the scanning regex, or which field is wrong and why. */
export type GuardPatternResult =
  | { readonly ok: true; readonly regex: RegExp }
  | { readonly ok: false; readonly field: "pattern" | "flags"; readonly message: string };

/**
 * Compiles a pattern written in a policy's `agent_guard` section exactly as the guard scans with
 * it: a global regex (every match is reported), a leading `(?i)` (0.2.3's syntax, repeatable)
 * turned into the `i` flag, matched in linear time (see {@link compileLinearRegExp}: no
 * lookarounds, no backreferences). The policy schema and the evaluator both call this, so a pattern the
 * policy accepts is a pattern the guard runs.
 *
 * Flags are any of `d g i m s u v`, each once, `u` and `v` not together. `y` is refused: a sticky
 * regex would only match where the previous match ended, which a scan cannot honour.
 *
 * @example
 * const result = compileGuardPattern("(?i)project\\s+falcon");
 * if (result.ok) result.regex.flags; // "gi"
 */
export function compileGuardPattern(
  pattern: string,
  flags = DEFAULT_GUARD_PATTERN_FLAGS,
): GuardPatternResult {
  const flagProblem = checkFlags(flags);
  if (flagProblem !== undefined) return { ok: false, field: "flags", message: flagProblem };
  let source = pattern;
  let effective = flags;
  while (source.startsWith("(?i)")) {
    source = source.slice(4);
    if (!effective.includes("i")) effective += "i";
  }
  if (!effective.includes("g")) effective += "g";
  const result = compileLinearRegExp(source, effective);
  return result.ok ? result : { ok: false, field: "pattern", message: result.message };
}

function checkFlags(flags: string): string | undefined {
  const hint = "use any of d i m s u v, each once (g is implied)";
  for (const [index, flag] of [...flags].entries()) {
    if (flag === "y") return `the sticky flag "y" cannot apply to a scan; remove it`;
    if (!GUARD_PATTERN_FLAGS.includes(flag)) return `unknown regex flag "${flag}" in "${flags}": ${hint}`;
    if (flags.indexOf(flag) !== index) return `regex flag "${flag}" is repeated in "${flags}": ${hint}`;
  }
  if (flags.includes("u") && flags.includes("v"))
    return `regex flags "u" and "v" cannot be combined: keep "v" (it includes u's Unicode mode)`;
  return undefined;
}
