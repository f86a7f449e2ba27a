/** Result of {@link parseStrictJson}. */
export type StrictJsonResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly problem: "invalid_json" | "duplicate_key" | "too_deep" };

/** Nesting deeper than this is refused: mandates are small, flat documents. */
export const MAX_STRICT_JSON_DEPTH = 64;

/**
 * `JSON.parse` that refuses duplicate member names (also when spelled with different escapes) and
 * deep nesting. `JSON.parse` keeps the last duplicate while other parsers keep the first, so a
 * signed payload with duplicates can mean two things; signed data must mean one.
 *
 * @example
 * parseStrictJson('{"a":1,"a":2}'); // { ok: false, problem: "duplicate_key" }
 */
export function parseStrictJson(text: string): StrictJsonResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, problem: "invalid_json" };
  }
  const problem = findStructuralProblem(text);
  return problem === undefined ? { ok: true, value } : { ok: false, problem };
}

// The text is valid JSON here, so a scan that tracks strings and brackets is exact.
function findStructuralProblem(text: string): "duplicate_key" | "too_deep" | undefined {
  const stack: Array<Set<string> | null> = [];
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (char === "{" || char === "[") {
      stack.push(char === "{" ? new Set() : null);
      if (stack.length > MAX_STRICT_JSON_DEPTH) return "too_deep";
    } else if (char === "}" || char === "]") {
      stack.pop();
    } else if (char === '"') {
      const end = endOfString(text, index);
      const keys = stack[stack.length - 1];
      if (keys && isFollowedByColon(text, end + 1)) {
        const key = JSON.parse(text.slice(index, end + 1)) as string;
        if (keys.has(key)) return "duplicate_key";
        keys.add(key);
      }
      index = end;
    }
  }
  return undefined;
}

function endOfString(text: string, start: number): number {
  let index = start + 1;
  while (text[index] !== '"') index += text[index] === "\\" ? 2 : 1;
  return index;
}

function isFollowedByColon(text: string, from: number): boolean {
  let index = from;
  while (text[index] === " " || text[index] === "\t" || text[index] === "\n" || text[index] === "\r")
    index += 1;
  return text[index] === ":";
}
