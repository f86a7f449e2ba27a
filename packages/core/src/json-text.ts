/**
 * `JSON.stringify(value)`, byte for byte, with a faster path for the plain data tool calls carry
 * (objects, arrays, strings, finite numbers, booleans, null). V8's `JSON.stringify` checks every
 * character of a string for escapes one at a time; a string of printable ASCII without `"` or `\`
 * needs none, and one native regex test settles that several times faster. Anything else (a
 * `toJSON` method, a class instance, a bigint, a cycle, a non-finite number, a string needing
 * escapes) is handed to `JSON.stringify` itself, whole or for that string, so results and errors
 * are exactly its own.
 *
 * Used where 0.2.3 compatibility fixes the bytes to plain `JSON.stringify` (`input_sha256`,
 * `output_sha256`, idempotency digests).
 *
 * @example
 * jsonText({ b: [1, "x"], a: undefined }); // '{"b":[1,"x"]}', as JSON.stringify
 */
export function jsonText(value: unknown): string | undefined {
  const fast = write(value, 0);
  return fast === undefined ? JSON.stringify(value) : fast;
}

/** Printable ASCII other than `"` and `\`: JSON.stringify would add only the quotes. */
const PLAIN_STRING = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/** `JSON.stringify(text)` for a string, skipping V8's escape scan when one regex test shows none is needed. */
export function jsonString(text: string): string {
  return PLAIN_STRING.test(text) ? `"${text}"` : JSON.stringify(text);
}

/** Deeper values go to `JSON.stringify`, which also reports cycles. */
const MAX_DEPTH = 32;

/** The JSON text of `value`, or `undefined` to hand the whole value to `JSON.stringify`. */
function write(value: unknown, depth: number): string | undefined {
  switch (typeof value) {
    case "string":
      return jsonString(value);
    case "number":
      return Number.isFinite(value) ? `${value}` : undefined;
    case "boolean":
      return value ? "true" : "false";
    case "object":
      if (value === null) return "null";
      if (depth >= MAX_DEPTH) return undefined;
      if (Array.isArray(value)) return writeArray(value, depth + 1);
      return writeObject(value as Record<string, unknown>, depth + 1);
    default:
      return undefined;
  }
}

function writeArray(array: readonly unknown[], depth: number): string | undefined {
  if (Object.getPrototypeOf(array) !== Array.prototype) return undefined;
  let out = "[";
  for (let index = 0; index < array.length; index += 1) {
    if (index > 0) out += ",";
    const item = array[index];
    if (item === undefined) {
      out += "null";
      continue;
    }
    const text = write(item, depth);
    if (text === undefined) return undefined;
    out += text;
  }
  return `${out}]`;
}

function writeObject(record: Record<string, unknown>, depth: number): string | undefined {
  const proto = Object.getPrototypeOf(record);
  if ((proto !== Object.prototype && proto !== null) || typeof record.toJSON === "function") return undefined;
  let out = "{";
  for (const key of Object.keys(record)) {
    const member = record[key];
    if (member === undefined) continue;
    const text = write(member, depth);
    if (text === undefined) return undefined;
    if (out.length > 1) out += ",";
    out += `${jsonString(key)}:${text}`;
  }
  return `${out}}`;
}
