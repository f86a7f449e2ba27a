import { readFileSync } from "node:fs";
import { Sec0Error } from "@sec0/core";
import { isMap, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import type { ConfigSource } from "./config-error.js";

/** A parsed config file: the plain document and a source that can tell the line of a key path. */
export interface ConfigFile {
  readonly document: unknown;
  readonly source: ConfigSource;
}

/**
 * Reads and parses a YAML config file (duplicate keys refused).
 * @throws {Sec0Error} `INSTRUMENTATION_CONFIG_UNREADABLE` when the file cannot be read;
 * `INSTRUMENTATION_CONFIG_INVALID` for a YAML syntax error (with its line).
 * @example
 * const { document } = readConfigFile("/srv/app/sec0.config.yaml");
 */
export function readConfigFile(path: string): ConfigFile {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Sec0Error(
      "INSTRUMENTATION_CONFIG_UNREADABLE",
      `Cannot read the sec0 config ${path}${code === "ENOENT" ? " (no such file)" : ""}; pass its path to initializeSec0App or create it (see the README's sec0.config.yaml).`,
      { details: { path, ...(code === undefined ? {} : { errno: code }) }, cause: error },
    );
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const [syntax] = doc.errors;
  if (syntax !== undefined) {
    const line = lineCounter.linePos(syntax.pos[0]).line;
    throw new Sec0Error(
      "INSTRUMENTATION_CONFIG_INVALID",
      `${path} line ${line}: not valid YAML (${syntax.message.split("\n")[0]}); fix the syntax there.`,
      { details: { field: "", source: path, line }, cause: syntax },
    );
  }
  const lineOf = (segments: readonly PropertyKey[]): number | undefined => {
    const offset = deepestOffset(doc.contents as Node | null, segments);
    return offset === undefined ? undefined : lineCounter.linePos(offset).line;
  };
  return { document: doc.toJS(), source: { name: path, lineOf } };
}

/** Start offset of the deepest node on `segments` (an unknown key's own key node when present). */
function deepestOffset(root: Node | null, segments: readonly PropertyKey[]): number | undefined {
  let node: unknown = root;
  let offset = (root as Node | null)?.range?.[0];
  for (const segment of segments) {
    if (isMap(node)) {
      const pair = node.items.find((item) => (item.key as { value?: unknown } | null)?.value === segment);
      if (pair === undefined) break;
      offset = (pair.key as Node | null)?.range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === "number") {
      node = node.items[segment];
      offset = (node as Node | undefined)?.range?.[0] ?? offset;
    } else break;
  }
  return offset;
}
