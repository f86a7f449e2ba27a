/** Keys whose values are secrets wherever they sit in a log object. */
export const SECRET_KEY_PATTERN =
  /authorization|cookie|api[-_]?key|token|secret|password|passwd|credential|key[-_]?ref|private[-_]?key|seed|redis[-_]?url/i;

/** Written instead of a secret. */
export const REDACTED = "[redacted]";

const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)[^@\s]*@/gi;
const MAX_DEPTH = 8;

/**
 * A copy of `value` with every secret-named key's value replaced by {@link REDACTED} at any
 * depth, and passwords in URLs (`redis://user:pass@host`) masked in every string. Beyond eight
 * levels, or in a cycle, a value is dropped rather than risk printing it.
 *
 * @example
 * scrubLogObject({ headers: { authorization: "Bearer x" } }); // { headers: { authorization: "[redacted]" } }
 */
export function scrubLogObject(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === "string") return value.replace(URL_CREDENTIALS, "$1***@");
  if (value === null || typeof value !== "object") return value;
  if (depth >= MAX_DEPTH || seen.has(value)) return REDACTED;
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => scrubLogObject(item, depth + 1, seen));
  if (value instanceof Error) {
    return { type: value.name, message: scrubLogObject(value.message, depth + 1, seen), ...codeOf(value) };
  }
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = SECRET_KEY_PATTERN.test(key) ? REDACTED : scrubLogObject(item, depth + 1, seen);
  }
  return out;
}

function codeOf(error: Error): { code?: string } {
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" ? { code } : {};
}
