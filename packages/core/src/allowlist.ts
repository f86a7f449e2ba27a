import { Sec0Error } from "./errors.js";
import { parseToolRef, type ToolRef } from "./tool-ref.js";

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

type Part = { readonly any: true } | { readonly any: false; readonly test: (value: string) => boolean };

interface CompiledEntry {
  readonly entry: string;
  readonly kind: AllowlistMatchKind;
  /** `undefined` for bare entries (`tool@1.0`), which match on any server. */
  readonly server: Part | undefined;
  readonly tool: Part;
  /** `undefined` for versionless entries. */
  readonly version: Part | undefined;
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
 * matched only by entries that allow any version.
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
      if (matchesEntry(candidate, parsed))
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

function matchesEntry(entry: CompiledEntry, ref: ToolRef): boolean {
  if (entry.server !== undefined && !matchesPart(entry.server, ref.server)) return false;
  if (!matchesPart(entry.tool, ref.tool)) return false;
  if (entry.version === undefined || entry.version.any) return true;
  return ref.version !== undefined && entry.version.test(ref.version);
}

function matchesPart(part: Part, value: string | undefined): boolean {
  if (part.any) return true;
  return value !== undefined && part.test(value);
}

function compileEntry(raw: string): CompiledEntry {
  const entry = raw.trim();
  if (entry.length === 0) throw invalidEntry(raw, "the entry is empty");
  if (entry === "*") return { entry: raw, kind: "wildcard", server: ANY, tool: ANY, version: ANY };
  const isMcp = entry.slice(0, 6).toLowerCase() === "mcp://";
  const body = isMcp ? entry.slice(6) : entry;
  if (isMcp && !body.includes("/")) {
    // `mcp://*` or `mcp://server`: a whole server (or every server).
    if (body.length === 0) throw invalidEntry(raw, "a server name or * must follow mcp://");
    return { entry: raw, kind: "wildcard", server: compilePart(body), tool: ANY, version: ANY };
  }
  let ref: ToolRef;
  try {
    ref = parseToolRef(entry);
  } catch (error) {
    throw invalidEntry(raw, (error as Error).message);
  }
  const server = ref.server === undefined ? undefined : compilePart(ref.server);
  const tool = compilePart(ref.tool);
  const version = ref.version === undefined ? undefined : compilePart(ref.version);
  const isWildcard = server?.any === true || hasGlob(ref.server) || tool.any || hasGlob(ref.tool);
  const kind: AllowlistMatchKind = isWildcard
    ? "wildcard"
    : version === undefined || version.any || hasGlob(ref.version)
      ? "any-version"
      : "exact";
  return { entry: raw, kind, server, tool, version };
}

const ANY: Part = { any: true };

function hasGlob(value: string | undefined): boolean {
  return value?.includes("*") === true;
}

function compilePart(value: string): Part {
  if (value === "*") return ANY;
  if (!value.includes("*")) return { any: false, test: (candidate) => candidate === value };
  const source = value
    .split("*")
    .map((piece) => piece.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  const pattern = new RegExp(`^${source}$`, "s");
  return { any: false, test: (candidate) => pattern.test(candidate) };
}

function invalidEntry(entry: string, why: string): Sec0Error {
  return new Sec0Error("CORE_ALLOWLIST_ENTRY_INVALID", `Invalid allowlist entry "${entry}": ${why}.`, {
    details: { entry },
  });
}
