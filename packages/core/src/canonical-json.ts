import { Sec0Error } from "./errors.js";

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
  const out: string[] = [];
  write(value, out, new Set(), "$");
  return out.join("");
}

/** UTF-8 bytes of {@link canonicalize}; what sec0 signs. */
export function canonicalBytes(value: unknown): Uint8Array {
  return new TextEncoder().encode(canonicalize(value));
}

function write(value: unknown, out: string[], seen: Set<object>, path: string): void {
  if (value === null) {
    out.push("null");
    return;
  }
  switch (typeof value) {
    case "string":
      out.push(JSON.stringify(value));
      return;
    case "boolean":
      out.push(value ? "true" : "false");
      return;
    case "number":
      if (!Number.isFinite(value)) throw invalid(path, `the number ${value} has no JSON form`);
      out.push(JSON.stringify(value)); // ECMAScript Number::toString, as RFC 8785 §3.2.2.3 requires; -0 → 0
      return;
    case "object":
      break;
    default:
      throw invalid(path, `a ${typeof value} has no JSON form`);
  }
  const object = value as object;
  if (typeof (object as { toJSON?: unknown }).toJSON === "function") {
    write((object as { toJSON(): unknown }).toJSON(), out, seen, path);
    return;
  }
  if (seen.has(object)) throw invalid(path, "the value contains a cycle");
  seen.add(object);
  if (Array.isArray(object)) {
    out.push("[");
    object.forEach((item, index) => {
      if (index > 0) out.push(",");
      write(item === undefined || typeof item === "function" ? null : item, out, seen, `${path}[${index}]`);
    });
    out.push("]");
  } else {
    const record = object as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort();
    out.push("{");
    keys.forEach((key, index) => {
      if (index > 0) out.push(",");
      out.push(JSON.stringify(key), ":");
      write(record[key], out, seen, `${path}.${key}`);
    });
    out.push("}");
  }
  seen.delete(object);
}

function invalid(path: string, why: string): Sec0Error {
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
