/**
 * A JSON value as text for a person: a string as is, a number or boolean as written, a list of
 * plain values joined with `, `, anything else as pretty-printed JSON (2 spaces). `undefined` is `""`.
 * The result is rendered as text, never as HTML.
 *
 * @example
 * valueText(["a", "b"]); // "a, b"
 * valueText({ path: "/x" }); // '{\n  "path": "/x"\n}'
 */
export function valueText(value: unknown): string {
  if (value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || value === null) return String(value);
  if (Array.isArray(value) && value.every((item) => typeof item === "string" || typeof item === "number"))
    return value.join(", ");
  return prettyJson(value);
}

/**
 * Pretty-printed JSON (2 spaces); never throws: a value JSON cannot write is shown as `String(value)`.
 *
 * @example
 * prettyJson({ a: 1 }); // '{\n  "a": 1\n}'
 */
export function prettyJson(value: unknown): string {
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}

/** True when {@link valueText} of `value` spans lines or is JSON: shown in a `<pre>` block. */
export function isBlockValue(value: unknown): boolean {
  return valueText(value).includes("\n");
}
