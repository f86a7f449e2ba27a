import { Sec0Error } from "./errors.js";
import { parseToolRef, splitToolRef, type ToolRef, type WrittenToolRef } from "./tool-ref.js";
import { badEscapeReason, decodeToolRefSegment } from "./tool-ref-segment.js";

/**
 * How an allowlist entry matched: `exact` names the version, `any-version` is a versionless or
 * `@*` entry for one tool, `wildcard` covers more than one tool.
 */
export type AllowlistMatchKind = "exact" | "any-version" | "wildcard";

export type AllowlistMatch =
  | { readonly matched: true; readonly entry: string; readonly kind: AllowlistMatchKind }
  | { readonly matched: false };

/** A compiled allowlist: build it once per policy, match on every call. */
export interface Allowlist {
  readonly entries: readonly string[];
  match(ref: ToolRef | string): AllowlistMatch;
}

/** One compiled part of an entry; `text` is its decoded literal text without globs (for ranking). */
export type EntryPart =
  | { readonly any: true; readonly text: "" }
  | { readonly any: false; readonly text: string; readonly test: (value: string) => boolean };

/** One compiled allowlist entry (internal to core: the matcher and {@link nearestAllowlistEntry}). */
export interface CompiledEntry {
  readonly entry: string;
  readonly kind: AllowlistMatchKind;
  /** `undefined` for bare entries (`tool@1.0`), which match on any server. */
  readonly server: EntryPart | undefined;
  readonly tool: EntryPart;
  /** `undefined` for versionless entries. */
  readonly version: EntryPart | undefined;
}

const MISS: AllowlistMatch = { matched: false };

/**
 * Compiles allowlist entries into one matcher used by every surface (middleware, proxy, gateway,
 * guard). Accepted forms, each part may also hold `*` globs (`mcp://files/read_*`):
 *
 * | entry | matches |
 * |---|---|
 * | `*`, `mcp://*`, `mcp://*\/*@*` | every tool |
 * | `mcp://server`, `mcp://server/*`, `mcp://server/*@*` | every tool of one server |
 * | `mcp://server/tool`, `mcp://server/tool@*` | one tool, any version |
 * | `mcp://server/tool@1.0` | one tool, one version |
 * | `tool`, `tool@*`, `tool@1.0` | that tool on any server |
 *
 * Matching is case-sensitive except for the `mcp://` scheme. A reference without a version is
 * matched only by entries that allow any version. Entries are written like references: reserved
 * characters percent-encoded (`mcp://mcp-servers%2Feverything/echo@*`), so a `target_tool_ref`
 * copied from an audit record matches its call; `*` is a glob and `%2A` a literal star. An
 * unencoded `/` ends the server name: `mcp://mcp-servers/everything/echo` names server
 * `mcp-servers` and tool `everything/echo`.
 *
 * @throws {Sec0Error} `CORE_ALLOWLIST_ENTRY_INVALID` for an empty or malformed entry.
 * @example
 * compileAllowlist(["mcp://files/*"]).match("mcp://files/read@1.0").matched; // true
 */
export function compileAllowlist(entries: readonly string[]): Allowlist {
  const compiled = entries.map(compileEntry);
  const match = (ref: ToolRef | string): AllowlistMatch => {
    const parsed = typeof ref === "string" ? parseToolRef(ref) : ref;
    for (const candidate of compiled) {
      if (entryMatches(candidate, parsed))
        return { matched: true, entry: candidate.entry, kind: candidate.kind };
    }
    return MISS;
  };
  return { entries: [...entries], match };
}

/** One-shot convenience over {@link compileAllowlist}; compile once when matching repeatedly. */
export function matchAllowlist(entries: readonly string[], ref: ToolRef | string): AllowlistMatch {
  return compileAllowlist(entries).match(ref);
}

/** True when one compiled entry matches the (decoded) reference. */
export function entryMatches(entry: CompiledEntry, ref: ToolRef): boolean {
  if (entry.server !== undefined && !matchesPart(entry.server, ref.server)) return false;
  if (!matchesPart(entry.tool, ref.tool)) return false;
  if (entry.version === undefined || entry.version.any) return true;
  return ref.version !== undefined && entry.version.test(ref.version);
}

function matchesPart(part: EntryPart, value: string | undefined): boolean {
  if (part.any) return true;
  return value !== undefined && part.test(value);
}

/**
 * Compiles one entry.
 * @throws {Sec0Error} `CORE_ALLOWLIST_ENTRY_INVALID` for an empty or malformed entry.
 */
export function compileEntry(raw: string): CompiledEntry {
  const entry = raw.trim();
  if (entry.length === 0) throw invalidEntry(raw, "the entry is empty");
  if (entry === "*") return { entry: raw, kind: "wildcard", server: ANY, tool: ANY, version: ANY };
  const isMcp = entry.slice(0, 6).toLowerCase() === "mcp://";
  const body = isMcp ? entry.slice(6) : entry;
  if (isMcp && !body.includes("/")) {
    // `mcp://*` or `mcp://server`: a whole server (or every server).
    if (body.length === 0) throw invalidEntry(raw, "a server name or * must follow mcp://");
    return { entry: raw, kind: "wildcard", server: compilePart(raw, body), tool: ANY, version: ANY };
  }
  let ref: WrittenToolRef;
  try {
    ref = splitToolRef(entry); // the written segments: globs are read before escapes are decoded
  } catch (error) {
    throw invalidEntry(raw, (error as Error).message);
  }
  const server = ref.server === undefined ? undefined : compilePart(raw, ref.server);
  const tool = compilePart(raw, ref.tool);
  const version = ref.version === undefined ? undefined : compilePart(raw, ref.version);
  const isWildcard = server?.any === true || hasGlob(ref.server) || tool.any || hasGlob(ref.tool);
  const kind: AllowlistMatchKind = isWildcard
    ? "wildcard"
    : version === undefined || version.any || hasGlob(ref.version)
      ? "any-version"
      : "exact";
  return { entry: raw, kind, server, tool, version };
}

const ANY: EntryPart = { any: true, text: "" };

function hasGlob(value: string | undefined): boolean {
  return value?.includes("*") === true;
}

/** A written part: `*` globs split it, and each piece between them is decoded. */
function compilePart(raw: string, written: string): EntryPart {
  if (written === "*") return ANY;
  const pieces = written.split("*").map((piece) => {
    const decoded = decodeToolRefSegment(piece);
    if (decoded === undefined) throw invalidEntry(raw, badEscapeReason(written));
    return decoded;
  });
  const text = pieces.join("");
  if (pieces.length === 1) return { any: false, text, test: (candidate) => candidate === text };
  const source = pieces.map((piece) => piece.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*");
  const pattern = new RegExp(`^${source}$`, "s");
  return { any: false, text, test: (candidate) => pattern.test(candidate) };
}

function invalidEntry(entry: string, why: string): Sec0Error {
  return new Sec0Error("CORE_ALLOWLIST_ENTRY_INVALID", `Invalid allowlist entry "${entry}": ${why}.`, {
    details: { entry },
  });
}
