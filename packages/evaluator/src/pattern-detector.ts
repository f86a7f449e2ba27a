import { compileGuardPattern, Sec0Error, type Severity } from "@sec0/core";
import { EVAL_ERROR_CODES } from "./errors.js";
import { eachMatch } from "./regex-util.js";
import type { Detector, DetectorMatch } from "./types.js";

/**
 * Compiles a user-supplied pattern into the global regex the guard scans with, through core's
 * `compileGuardPattern` (the policy schema validates with the same function): a leading `(?i)`
 * is accepted and stripped, as in 0.2.3; flags are any of `d g i m s u v`.
 *
 * @throws {Sec0Error} `EVAL_PATTERN_INVALID` naming `field` when the pattern or flags do not compile.
 * @example
 * compilePattern("(?i)project\\s+x", "", "agent_guard.custom[0].pattern").flags; // "gi"
 */
export function compilePattern(pattern: string, flags: string, field: string): RegExp {
  const result = compileGuardPattern(pattern, flags);
  if (result.ok) return result.regex;
  throw new Sec0Error(
    EVAL_ERROR_CODES.PATTERN_INVALID,
    `${field} is not a valid regular expression (${result.message}); fix or remove it.`,
    { details: { field, pattern, flags } },
  );
}

/**
 * A detector made of plain regexes: used for 0.2.3's override lists (`pii_patterns`, …), which
 * replace the built-in detector of the same id, and for custom rules.
 */
export function createPatternDetector(
  base: Pick<Detector, "id" | "code" | "defaultSeverity">,
  patterns: readonly string[],
  field: string,
  options: { kind?: string; severity?: Severity; message?: string; flags?: string; sensitive?: boolean } = {},
): Detector {
  const compiled = patterns.map((p, i) => compilePattern(p, options.flags ?? "i", `${field}[${i}]`));
  const kind = options.kind ?? `${base.id}.pattern`;
  return {
    id: base.id,
    version: "pattern",
    code: base.code,
    defaultSeverity: options.severity ?? base.defaultSeverity,
    catches: `Matches of the configured patterns (${field}).`,
    misses: "Anything the configured patterns do not match.",
    detect(text: string): DetectorMatch[] {
      const out: DetectorMatch[] = [];
      for (const re of compiled) {
        eachMatch(re, text, (m) => {
          if (m[0].length === 0) return;
          out.push({
            kind,
            start: m.index,
            end: m.index + m[0].length,
            confidence: 1,
            ...(options.message === undefined ? {} : { message: options.message }),
            ...(options.sensitive ? { sensitive: true } : {}),
          });
        });
      }
      return out;
    },
  };
}
