import { Sec0Error } from "./errors.js";
import { jsonString } from "./json-text.js";

/**
 * Canonical JSON per RFC 8785 (JCS): object members sorted by UTF-16 code units, no whitespace,
 * numbers in ECMAScript shortest form, strings with JSON.stringify escaping, `undefined` members
 * dropped. For envelopes of strings, integers, booleans and nested objects this is byte-identical
 * to sec0-sdk 0.2.3's sorted-key JSON, so signatures made by 0.2.3 still verify.
 *
 * @throws {Sec0Error} `CORE_CANONICAL_JSON_INVALID` for non-finite numbers, bigints, functions,
 * symbols and cycles, which have no JSON form (0.2.3 silently wrote `null`).
 * @example
 * canonicalize({ b: 1, a: [true, "x"] }); // '{"a":[true,"x"],"b":1}'
 */
export function canonicalize(value: unknown): string {
  return write(value, [], []);
}

/** UTF-8 bytes of {@link canonicalize}; what sec0 signs. */
export function canonicalBytes(value: unknown): Uint8Array {
  return new TextEncoder().encode(canonicalize(value));
}

// This runs once per audit record, so it is written for speed: strings are concatenated (V8
// ropes) rather than pushed and joined, the path is a stack of segments turned into text only
// for an error, cycles are found among the ancestors (a short array) instead of a Set, and two
// small memos hold pure functions of their input: a member name's quoted form, and the sorted
// order of an exact list of member names (envelopes repeat the same names in the same order).

const MEMO_KEY_LENGTH = 64;
const MEMO_KEYS = 1024;
const MEMO_KEY_COUNT = 64;
const quotedKeys = new Map<string, string>();
/** Per member count: the last list of names seen (in enumeration order) and its sorted copy. */
const sortedBySize: Array<{ readonly names: readonly string[]; readonly sorted: readonly string[] }> = [];

function quoteKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = jsonString(key);
    if (key.length <= MEMO_KEY_LENGTH && quotedKeys.size < MEMO_KEYS) quotedKeys.set(key, quoted);
  }
  return quoted;
}

// Default sort compares UTF-16 code units, as RFC 8785 §3.2.3 requires. The memo is reused only
// for the very same names in the very same order, so its answer is the one sort() would give.
function sortedKeys(record: object): readonly string[] {
  const names = Object.keys(record);
  const memo = names.length < MEMO_KEY_COUNT ? sortedBySize[names.length] : undefined;
  if (memo !== undefined && sameNames(memo.names, names)) return memo.sorted;
  const sorted = names.slice().sort();
  if (names.length < MEMO_KEY_COUNT) sortedBySize[names.length] = { names, sorted };
  return sorted;
}

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  for (let index = 0; index < b.length; index += 1) if (a[index] !== b[index]) return false;
  return true;
}

function write(value: unknown, ancestors: object[], path: Array<string | number>): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "string":
      return jsonString(value);
    case "boolean":
      return value ? "true" : "false";
    case "number":
      if (!Number.isFinite(value)) throw invalid(path, `the number ${value} has no JSON form`);
      return `${value}`; // ECMAScript Number::toString, as RFC 8785 §3.2.2.3 requires; -0 → 0
    case "object":
      break;
    default:
      throw invalid(path, `a ${typeof value} has no JSON form`);
  }
  const object = value as object;
  if (typeof (object as { toJSON?: unknown }).toJSON === "function") {
    return write((object as { toJSON(): unknown }).toJSON(), ancestors, path);
  }
  if (ancestors.includes(object)) throw invalid(path, "the value contains a cycle");
  ancestors.push(object);
  const out = Array.isArray(object)
    ? writeArray(object, ancestors, path)
    : writeObject(object as Record<string, unknown>, ancestors, path);
  ancestors.pop();
  return out;
}

function writeArray(array: readonly unknown[], ancestors: object[], path: Array<string | number>): string {
  let out = "[";
  const at = path.push(0) - 1;
  for (let index = 0; index < array.length; index += 1) {
    const item = array[index];
    if (index > 0) out += ",";
    path[at] = index;
    out += item === undefined || typeof item === "function" ? "null" : write(item, ancestors, path);
  }
  path.pop();
  return `${out}]`;
}

function writeObject(
  record: Record<string, unknown>,
  ancestors: object[],
  path: Array<string | number>,
): string {
  const keys = sortedKeys(record);
  let out = "{";
  const at = path.push("") - 1;
  for (let index = 0; index < keys.length; index += 1) {
    const key = keys[index] as string;
    const member = record[key];
    if (member === undefined) continue;
    if (out.length > 1) out += ",";
    path[at] = key;
    out += `${quoteKey(key)}:${write(member, ancestors, path)}`;
  }
  path.pop();
  return `${out}}`;
}

function invalid(segments: ReadonlyArray<string | number>, why: string): Sec0Error {
  let path = "$";
  for (const segment of segments) path += typeof segment === "number" ? `[${segment}]` : `.${segment}`;
  return new Sec0Error("CORE_CANONICAL_JSON_INVALID", `Cannot canonicalise ${path}: ${why}.`, {
    details: { path },
  });
}

/**
 * sec0-sdk 0.2.3's signing recipe: object keys sorted with the default string sort, then
 * `JSON.stringify`. It equals {@link canonicalize} except where an object has integer-like keys
 * (`"9"`, `"10"`), which JavaScript always enumerates first in numeric order. Use it only to
 * verify records written by 0.2.3.
 */
export function canonicalizeLegacy(value: unknown): string {
  return JSON.stringify(sortKeysLegacy(value, new Set())) ?? "null";
}

function sortKeysLegacy(value: unknown, seen: Set<object>): unknown {
  if (value === null || typeof value !== "object") return value;
  if (seen.has(value)) return null; // 0.2.3 replaced cycles with null
  seen.add(value);
  let result: unknown;
  if (Array.isArray(value)) result = value.map((item) => sortKeysLegacy(item, seen));
  else {
    const record = value as Record<string, unknown>;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(record).sort()) {
      if (record[key] !== undefined) sorted[key] = sortKeysLegacy(record[key], seen);
    }
    result = sorted;
  }
  seen.delete(value);
  return result;
}
