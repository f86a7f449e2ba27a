/**
 * CWE ids as `CWE-78` from the spellings scanners use: `CWE-78`, `CWE-078: OS Command Injection`,
 * `external/cwe/cwe-078`, `cwe-78`, or a bare number. Unrecognised entries are dropped; duplicates too.
 */
export function normalizeCwes(values: readonly unknown[]): string[] {
  const out = new Set<string>();
  for (const value of values) {
    const id = cweOf(value);
    if (id !== undefined) out.add(id);
  }
  return [...out];
}

function cweOf(value: unknown): string | undefined {
  if (typeof value === "number" && Number.isInteger(value) && value > 0) return `CWE-${value}`;
  if (typeof value !== "string") return undefined;
  const m = /(?:^|[/\s])cwe[-_:\s]?0*(\d{1,5})\b/i.exec(value) ?? /^0*(\d{1,5})$/.exec(value.trim());
  return m === null ? undefined : `CWE-${Number(m[1])}`;
}

/** A list of any unknown value: arrays as they are, a single value wrapped, nothing as `[]`. */
export function asList(value: unknown): readonly unknown[] {
  if (Array.isArray(value)) return value;
  return value === undefined || value === null ? [] : [value];
}
