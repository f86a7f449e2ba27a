import { readFileSync } from "node:fs";
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import { configInvalid } from "./config-error.js";

/** A parsed config document and a way to find where a key path sits in it. */
export interface ConfigDocument {
  readonly data: unknown;
  /** Line and column of the value at `segments`, when that key exists in the file. */
  locate(segments: ReadonlyArray<PropertyKey>): { line: number; column: number } | undefined;
}

/**
 * Reads and parses the service config: YAML, or JSON (a subset of YAML, so one parser gives line
 * numbers for both). Duplicate keys and aliases beyond 100 are refused.
 *
 * @throws {Sec0Error} `GATEWAY_APP_CONFIG_INVALID` when the file is missing, unreadable or not valid YAML/JSON.
 */
export function readConfigFile(absolutePath: string, shown: string): ConfigDocument {
  let text: string;
  try {
    text = readFileSync(absolutePath, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message =
      code === "ENOENT"
        ? "file not found; write one (see apps/gateway/README.md) or point SEC0_GATEWAY_CONFIG at it"
        : `cannot read the file (${code ?? "error"})`;
    throw configInvalid({ source: shown, path: "", message }, error);
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const syntax = doc.errors[0];
  if (syntax !== undefined) {
    const { line, col } = lineCounter.linePos(syntax.pos[0]);
    const message = `invalid YAML: ${firstLine(syntax.message)}`;
    throw configInvalid({ source: shown, path: "", message, line, column: col });
  }
  const data: unknown = doc.toJS({ maxAliasCount: 100 });
  return {
    data,
    locate(segments) {
      const offset = offsetOf(doc.contents, segments);
      if (offset === undefined) return undefined;
      const { line, col } = lineCounter.linePos(offset);
      return { line, column: col };
    },
  };
}

function offsetOf(root: unknown, segments: ReadonlyArray<PropertyKey>): number | undefined {
  let node = root as Node | null | undefined;
  let offset = node?.range?.[0];
  for (const segment of segments) {
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isScalar(item.key) && String(item.key.value) === String(segment),
      );
      if (pair === undefined) return undefined;
      offset = (pair.value as Node | null)?.range?.[0] ?? (pair.key as Node).range?.[0];
      node = pair.value as Node | null;
    } else if (isSeq(node) && typeof segment === "number") {
      const item = node.items[segment] as Node | undefined;
      if (item === undefined) return undefined;
      offset = item.range?.[0];
      node = item;
    } else {
      return undefined;
    }
  }
  return offset;
}

function firstLine(message: string): string {
  return (message.split("\n")[0] ?? message).replace(/ at line \d+, column \d+:?$/, "");
}
