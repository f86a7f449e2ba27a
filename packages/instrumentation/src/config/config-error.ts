// Turns schema issues and build-time problems into one INSTRUMENTATION_CONFIG_INVALID error.
import { Sec0Error } from "@sec0/core";
import type { z } from "zod";

/**
 * Formats a key path as written in YAML: `app.hops["OrderAgent.run"].agentName` (keys that are
 * not plain identifiers are quoted, list items are `[n]`).
 * @example
 * formatConfigPath(["app", "hops", "A.run", "type"]); // 'app.hops["A.run"].type'
 */
export function formatConfigPath(segments: readonly PropertyKey[]): string {
  let out = "";
  for (const segment of segments) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (typeof segment === "string" && /^[A-Za-z_$][\w$]*$/.test(segment))
      out += out.length === 0 ? segment : `.${segment}`;
    else out += `[${JSON.stringify(String(segment))}]`;
  }
  return out;
}

/** Where a config came from: its name in messages, and (for a file) the line of a key path. */
export interface ConfigSource {
  readonly name: string;
  readonly lineOf?: (segments: readonly PropertyKey[]) => number | undefined;
}

/**
 * The error for one problem at `segments` of the config read from `source`.
 * @example
 * throw configInvalid({ name: "./sec0.config.yaml" }, ["app", "tenant"], "is required (a string)");
 */
export function configInvalid(
  source: ConfigSource,
  segments: readonly PropertyKey[],
  problem: string,
): Sec0Error {
  const field = formatConfigPath(segments);
  const line = source.lineOf?.(segments);
  const where = line === undefined ? source.name : `${source.name} line ${line}`;
  return new Sec0Error(
    "INSTRUMENTATION_CONFIG_INVALID",
    `${where}: ${field.length === 0 ? "the document" : field} ${problem}.`,
    { details: { field, source: source.name, ...(line === undefined ? {} : { line }) } },
  );
}

/**
 * The error for the first zod issue of a failed parse: an unknown key names the key itself, a
 * missing key says it is required, an enum lists the accepted values. An unknown key is reported
 * before anything else, as a misspelt key usually also makes a required one missing.
 */
export function configIssueError(source: ConfigSource, issues: readonly z.core.$ZodIssue[]): Sec0Error {
  const issue = issues.find((candidate) => candidate.code === "unrecognized_keys") ?? issues[0];
  if (issue === undefined) return configInvalid(source, [], "is invalid");
  const segments = [...issue.path];
  const more = issues.length > 1 ? ` (${issues.length - 1} more problem(s) after this one)` : "";
  if (issue.code === "unrecognized_keys") {
    const [first, ...rest] = issue.keys;
    const also = rest.length === 0 ? "" : ` (also ${rest.map((key) => JSON.stringify(key)).join(", ")})`;
    return configInvalid(
      source,
      [...segments, first ?? ""],
      `is not a known key${also}; remove it or fix its spelling${more}`,
    );
  }
  if (issue.code === "invalid_union" && "discriminator" in issue && "options" in issue) {
    const options = (issue.options as readonly unknown[]).map(String).join(", ");
    return configInvalid(source, segments, `must be one of ${options}${more}`);
  }
  if (issue.code === "invalid_value" && "values" in issue) {
    return configInvalid(source, segments, `must be one of ${issue.values.map(String).join(", ")}${more}`);
  }
  if (issue.code === "invalid_type" && /received undefined$/.test(issue.message)) {
    return configInvalid(source, segments, `is required (${issue.expected})${more}`);
  }
  return configInvalid(source, segments, `${issue.message.replace(/^Invalid input: /, "")}${more}`);
}
