import type { z } from "zod";

/** One schema issue as a key path and a short message that never repeats the value. */
export interface SchemaProblem {
  readonly segments: PropertyKey[];
  readonly message: string;
}

/**
 * Turns the first zod issue into the key path it is about and a message: an unknown key names
 * the key itself, a missing key says it is required.
 */
export function describeSchemaIssue(issue: z.core.$ZodIssue): SchemaProblem {
  const segments = [...issue.path];
  if (issue.code === "unrecognized_keys") {
    const [first, ...rest] = issue.keys;
    const more = rest.length === 0 ? "" : ` (and ${rest.map((k) => JSON.stringify(k)).join(", ")})`;
    return {
      segments: [...segments, first ?? ""],
      message: `unknown key${more}; remove it or fix its spelling`,
    };
  }
  const message = issue.message.replace(/^Invalid input: /, "");
  if (issue.code === "invalid_type" && /received undefined$/.test(message)) {
    return { segments, message: `is required (${message.replace(/, received undefined$/, "")})` };
  }
  if (issue.code === "invalid_value" && "values" in issue) {
    return { segments, message: `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}` };
  }
  return { segments, message };
}
