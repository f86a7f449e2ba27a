import { compileLinearRegExp, Sec0Error } from "@sec0/core";

const ALLOWED_FLAGS = /^[dimsuv]*$/;

/**
 * Compiles a regular expression written in a policy. A leading `(?i)` (accepted by 0.2.3) becomes
 * the `i` flag; the stateful `g` and `y` flags are dropped so `test()` never depends on a previous
 * call. Matching runs in linear time (core's `compileLinearRegExp`), so a pattern such as
 * `(a+)+$` cannot stall a tool call; lookarounds and backreferences are refused.
 *
 * @throws {Sec0Error} `POLICY_REGEX_INVALID` when the pattern or the flags do not compile, or the
 *   pattern needs a construct the linear-time engine does not have.
 * @example
 * compileUserRegex("(?i)api_key=").test("API_KEY=1"); // true
 */
export function compileUserRegex(pattern: string, flags = ""): RegExp {
  let source = pattern;
  let effective = flags.replace(/[gy]/g, "");
  while (source.startsWith("(?i)")) {
    source = source.slice(4);
    if (!effective.includes("i")) effective += "i";
  }
  if (!ALLOWED_FLAGS.test(effective) || new Set(effective).size !== effective.length) {
    throw new Sec0Error(
      "POLICY_REGEX_INVALID",
      `Invalid regex flags "${flags}": use any of d i m s u v once.`,
      {
        details: { pattern, flags },
      },
    );
  }
  const result = compileLinearRegExp(source, effective);
  if (result.ok) return result.regex;
  throw new Sec0Error("POLICY_REGEX_INVALID", `${result.message}.`, { details: { pattern, flags } });
}
