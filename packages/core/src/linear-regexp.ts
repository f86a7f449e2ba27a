import { type Matcher, RE2JS } from "re2js";

/** Result of {@link compileLinearRegExp}: the regex, or why the pattern cannot run in linear time. */
export type LinearRegExpResult =
  | { readonly ok: true; readonly regex: RegExp }
  | { readonly ok: false; readonly message: string };

const UNSUPPORTED_HINT =
  "policy regexes run on a linear-time (RE2) engine, which has no lookahead/lookbehind ((?=, (?!, (?<=, (?<!) and no backreferences (\\1, \\k<name>); rewrite the pattern without them";

/** A named backreference, which RE2JS's syntax translation would turn into the literal `k<name>`. */
const NAMED_BACKREFERENCE = /(?:^|[^\\])(?:\\\\)*\\k</;

/** Syntax only the `v` flag gives meaning to (class set operations, string literals). */
const V_MODE_SYNTAX = /--|&&|\\q\{/;

/**
 * A `RegExp` whose matching runs on RE2JS, so time grows linearly with the input whatever the
 * pattern: `(a+)+$` on 100 KB takes milliseconds instead of hanging the event loop. It subclasses
 * `RegExp` so `exec`, `test`, `lastIndex`, `flags` and `String.prototype.match*` keep working
 * (V8 calls an overridden `exec` from every RegExp method); V8 only validates the syntax.
 *
 * We wrap a library (re2js: pure JS, Node >= 20, no native build) rather than write an
 * automaton: RE2's guarantees come from years of fuzzing we cannot reproduce.
 */
export class LinearRegExp extends RegExp {
  readonly #re2: RE2JS;
  /** The same pattern without capture groups: RE2 finds match bounds much faster without them. */
  readonly #bounds: RE2JS;
  readonly #names: readonly (readonly [string, number])[];
  #matcher: Matcher | undefined;
  #matcherInput: string | undefined;

  /** `source` may be a RegExp: `matchAll` and `split` construct a copy through `Symbol.species`. */
  constructor(source: string | RegExp, flags?: string) {
    super(source, flags);
    const pattern = typeof source === "string" ? source : source.source;
    this.#re2 = RE2JS.compile(RE2JS.translateRegExp(pattern), re2Flags(this.flags));
    this.#names = Object.entries(this.#re2.namedGroups());
    this.#bounds =
      this.#re2.groupCount() === 0
        ? this.#re2
        : RE2JS.compile(RE2JS.translateRegExp(withoutCaptures(pattern)), re2Flags(this.flags));
  }

  override test(input: string): boolean {
    if (!this.global && !this.sticky) return this.#bounds.test(String(input));
    return this.exec(input) !== null;
  }

  override exec(input: string): RegExpExecArray | null {
    const text = String(input);
    const stateful = this.global || this.sticky;
    const from = stateful ? this.lastIndex : 0;
    const matcher = this.#matcherFor(text);
    if (from > text.length || !matcher.find(from) || (this.sticky && matcher.start() !== from)) {
      if (stateful) this.lastIndex = 0;
      return null;
    }
    const start = matcher.start();
    const end = matcher.end();
    const result = [text.slice(start, end)] as unknown as RegExpExecArray;
    result.index = start;
    result.input = text;
    result.groups = undefined;
    // Capture groups cost a second, slower pass: computed only when read.
    const count = this.#re2.groupCount();
    if (count > 0) defineLazyGroups(result, this.#re2, this.#names, count);
    if (stateful) this.lastIndex = end;
    return result;
  }

  #matcherFor(text: string): Matcher {
    if (this.#matcher === undefined || this.#matcherInput !== text) {
      this.#matcher = this.#bounds.matcher(text);
      this.#matcherInput = text;
    }
    return this.#matcher;
  }
}

function defineLazyGroups(
  result: RegExpExecArray,
  re2: RE2JS,
  names: readonly (readonly [string, number])[],
  count: number,
): void {
  let captured: (string | undefined)[] | undefined;
  const all = (): (string | undefined)[] => {
    if (captured !== undefined) return captured;
    const matcher = re2.matcher(result.input);
    matcher.find(result.index);
    captured = [];
    for (let i = 0; i <= count; i++) captured.push(matcher.group(i) ?? undefined);
    return captured;
  };
  for (let i = 1; i <= count; i++)
    Object.defineProperty(result, i, { enumerable: true, get: () => all()[i] });
  if (names.length > 0)
    Object.defineProperty(result, "groups", {
      enumerable: true,
      get: () => Object.fromEntries(names.map(([name, index]) => [name, all()[index]])),
    });
}

/** Turns `(` and `(?<name>` into `(?:` outside escapes and classes; other groups are kept. */
function withoutCaptures(source: string): string {
  let out = "";
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") {
      out += source.slice(i, i + 2);
      i++;
    } else if (inClass) {
      if (c === "]") inClass = false;
      out += c;
    } else if (c === "[") {
      inClass = true;
      out += c;
    } else if (c === "(" && source[i + 1] !== "?") {
      out += "(?:";
    } else if (c === "(" && source.startsWith("(?<", i) && !/^\(\?<[=!]/.test(source.slice(i, i + 4))) {
      const close = source.indexOf(">", i);
      out += "(?:";
      i = close;
    } else out += c;
  }
  return out;
}

function re2Flags(flags: string): number {
  let out = 0;
  if (flags.includes("i")) out |= RE2JS.CASE_INSENSITIVE;
  if (flags.includes("m")) out |= RE2JS.MULTILINE;
  if (flags.includes("s")) out |= RE2JS.DOTALL;
  return out;
}

/**
 * Compiles a user-supplied regex (JavaScript syntax and flags) into a {@link LinearRegExp}. A
 * pattern must compile in both engines: JavaScript's syntax check, then RE2's, which refuses
 * lookarounds and backreferences. The `v` flag's set operations (`--`, `&&`, `\q{}`) are refused
 * because RE2 would read them as literal characters. `d`, `u` and `v` otherwise change nothing:
 * RE2 always matches by code point.
 *
 * @example
 * const result = compileLinearRegExp("(a+)+$", "i");
 * if (result.ok) result.regex.test("a".repeat(100_000) + "!"); // false, in milliseconds
 */
export function compileLinearRegExp(source: string, flags = ""): LinearRegExpResult {
  try {
    new RegExp(source, flags);
  } catch (error) {
    return { ok: false, message: `Invalid regex "${source}": ${(error as Error).message}` };
  }
  if (flags.includes("v") && V_MODE_SYNTAX.test(source))
    return {
      ok: false,
      message: `Unsupported regex "${source}": the v flag's set operations (--, &&, \\q{}) do not run on the linear-time engine; list the characters instead`,
    };
  if (NAMED_BACKREFERENCE.test(source))
    return { ok: false, message: `Unsupported regex "${source}": backreference \\k<…>; ${UNSUPPORTED_HINT}` };
  try {
    return { ok: true, regex: new LinearRegExp(source, flags) };
  } catch (error) {
    return {
      ok: false,
      message: `Unsupported regex "${source}": ${(error as Error).message}; ${UNSUPPORTED_HINT}`,
    };
  }
}
