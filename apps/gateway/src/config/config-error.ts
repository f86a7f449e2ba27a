import { Sec0Error } from "@sec0/core";

/** Where a config problem sits: the file (or `env NAME`), the key path, and its line when known. */
export interface ConfigProblem {
  /** The config file as the user named it (`gateway.yaml`), or `env PORT` for an environment variable. */
  readonly source: string;
  /** Dotted key path, `api_keys[0].sha256`; empty for the document itself. */
  readonly path: string;
  /** What is wrong and, where it helps, what to write instead. Never holds the bad value. */
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
}

/**
 * The one error a bad config ends in: a single line `gateway.yaml: targets.files: expected an
 * http(s) URL (line 7, column 10)`, with the parts in `details`.
 *
 * @example
 * throw configInvalid({ source: "gateway.yaml", path: "tenant", message: "expected a non-empty string" });
 */
export function configInvalid(
  problem: ConfigProblem,
  cause?: unknown,
): Sec0Error<"GATEWAY_APP_CONFIG_INVALID"> {
  const where = problem.path === "" ? "" : `${problem.path}: `;
  const at =
    problem.line === undefined
      ? ""
      : ` (line ${problem.line}${problem.column === undefined ? "" : `, column ${problem.column}`})`;
  return new Sec0Error("GATEWAY_APP_CONFIG_INVALID", `${problem.source}: ${where}${problem.message}${at}`, {
    details: { ...problem },
    ...(cause === undefined ? {} : { cause }),
  });
}

/** Formats a key path as `a.b[0].c`. */
export function formatKeyPath(segments: ReadonlyArray<PropertyKey>): string {
  return segments
    .map((segment, index) =>
      typeof segment === "number" ? `[${segment}]` : `${index === 0 ? "" : "."}${String(segment)}`,
    )
    .join("");
}
