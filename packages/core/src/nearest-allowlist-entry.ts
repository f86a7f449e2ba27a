import { type CompiledEntry, compileEntry, type EntryPart, entryMatches } from "./allowlist.js";
import { parseToolRef, type ToolRef } from "./tool-ref.js";
import { encodeToolRefSegment } from "./tool-ref-segment.js";

/** The allowlist entry nearest to a reference that none matched. */
export interface NearestAllowlistEntry {
  /** The entry as the allowlist holds it. */
  readonly entry: string;
  /**
   * Set when the entry is the unencoded spelling of this reference's server (an unencoded `/`
   * ends the server name): the entry as it must be written to match, e.g.
   * `mcp://mcp-servers%2Feverything/echo@*`.
   */
  readonly respelled?: string;
}

// Edit distances are computed on at most this many characters of each name: a bound on the cost
// a hostile tool name can cause on the refusal path.
const MAX_NAME = 128;

/**
 * The allowlist entry nearest to a reference, to name in a refusal: an entry that is the
 * unencoded spelling of the reference first, then entries for the same server (bare entries and
 * server globs that match count as the same), then the smallest edit distance on the tool name,
 * then a matching version; list order breaks ties. `undefined` for an empty allowlist. Entries that
 * do not compile are skipped. Meant for the refusal path: it compiles the entries on each call.
 *
 * @throws {Sec0Error} `CORE_TOOL_REF_INVALID` when `ref` is a string that is not a tool reference.
 * @example
 * nearestAllowlistEntry(["mcp://db/delete@1.0", "mcp://files/read@*"], "mcp://files/delete@1.0");
 * // { entry: "mcp://files/read@*" }
 */
export function nearestAllowlistEntry(
  entries: readonly string[],
  ref: ToolRef | string,
): NearestAllowlistEntry | undefined {
  const target = typeof ref === "string" ? parseToolRef(ref) : ref;
  let best: { readonly found: NearestAllowlistEntry; readonly score: readonly number[] } | undefined;
  for (const entry of entries) {
    const compiled = tryCompile(entry);
    if (compiled === undefined) continue;
    const respelled = respell(entry, target);
    const score = respelled === undefined ? scoreOf(compiled, target) : [0, 0, 0, 0];
    if (best === undefined || isLower(score, best.score)) {
      best = { found: respelled === undefined ? { entry } : { entry, respelled }, score };
    }
  }
  return best?.found;
}

/** [not a respelling, other server, tool edit distance, other version]: lower is nearer. */
function scoreOf(entry: CompiledEntry, ref: ToolRef): number[] {
  const otherServer = entry.server === undefined || partMatches(entry.server, ref.server) ? 0 : 1;
  const tool = partMatches(entry.tool, ref.tool) ? 0 : editDistance(entry.tool.text, ref.tool);
  const otherVersion = entry.version === undefined || partMatches(entry.version, ref.version) ? 0 : 1;
  return [1, otherServer, tool, otherVersion];
}

/**
 * `mcp://mcp-servers/everything/echo` read for server `mcp-servers/everything`: the entry with the
 * server written encoded, when that spelling matches the reference.
 */
function respell(entry: string, ref: ToolRef): string | undefined {
  const server = ref.server;
  if (server === undefined) return undefined;
  const encoded = encodeToolRefSegment(server, "server");
  const trimmed = entry.trim();
  if (encoded === server || trimmed.slice(0, 6).toLowerCase() !== "mcp://") return undefined;
  const body = trimmed.slice(6);
  if (!body.startsWith(server) || (body.length > server.length && body[server.length] !== "/")) {
    return undefined;
  }
  const respelled = `mcp://${encoded}${body.slice(server.length)}`;
  const compiled = tryCompile(respelled);
  return compiled !== undefined && entryMatches(compiled, ref) ? respelled : undefined;
}

function partMatches(part: EntryPart, value: string | undefined): boolean {
  return part.any || (value !== undefined && part.test(value));
}

function tryCompile(entry: string): CompiledEntry | undefined {
  try {
    return compileEntry(entry);
  } catch {
    return undefined;
  }
}

function isLower(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) {
    if ((a[i] as number) !== (b[i] as number)) return (a[i] as number) < (b[i] as number);
  }
  return false;
}

/** Levenshtein distance over UTF-16 code units, on the first {@link MAX_NAME} of each. */
function editDistance(left: string, right: string): number {
  const a = left.slice(0, MAX_NAME);
  const b = right.slice(0, MAX_NAME);
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] as number;
}
