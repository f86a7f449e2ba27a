import { Sec0Error } from "./errors.js";
import { badEscapeReason, decodeToolRefSegment, encodeToolRefSegment } from "./tool-ref-segment.js";

/**
 * A parsed tool reference. Forms: `mcp://server/tool@version`, `mcp://server/tool`,
 * `tool@version` and `tool`.
 *
 * Case rules: the `mcp://` scheme is case-insensitive; server names, tool names and versions are
 * case-sensitive (MCP tool names are), and are compared exactly.
 *
 * Reserved characters: in the written form a character outside letters, digits and `-._~+` is
 * percent-encoded as UTF-8 (`/` is written as it is in the tool and version, but `%2F` in the
 * server, where an unencoded `/` ends the name): server `mcp-servers/everything`, tool `echo`,
 * version `2.0.0` is `mcp://mcp-servers%2Feverything/echo@2.0.0`. The fields here hold the
 * decoded names.
 */
export interface ToolRef {
  /** MCP server name (`serverInfo.name`); absent in the bare forms. */
  readonly server?: string;
  readonly tool: string;
  /** Declared version; absent in the versionless forms. */
  readonly version?: string;
}

/** A tool reference split into its written (still encoded) segments. */
export interface WrittenToolRef {
  readonly server?: string;
  readonly tool: string;
  readonly version?: string;
}

const SCHEME = "mcp://";

/**
 * Parses a tool reference string; `%XX` escapes in each segment are decoded.
 * @throws {Sec0Error} `CORE_TOOL_REF_INVALID` when the text is empty, a part is missing or an
 *   escape is malformed.
 * @example
 * parseToolRef("mcp://mcp-servers%2Feverything/echo@1.0"); // { server: "mcp-servers/everything", tool: "echo", version: "1.0" }
 */
export function parseToolRef(text: string): ToolRef {
  const written = splitToolRef(text);
  const server = written.server === undefined ? undefined : decodeOrThrow(text, written.server);
  const tool = decodeOrThrow(text, written.tool);
  const version = written.version === undefined ? undefined : decodeOrThrow(text, written.version);
  return { ...(server === undefined ? {} : { server }), tool, ...(version === undefined ? {} : { version }) };
}

/**
 * Splits a tool reference into its written segments without decoding them: the server ends at the
 * first `/` after `mcp://`, the version starts after the last `@`. The allowlist compiles these, so
 * that a `*` is a glob and a `%2A` a literal star.
 * @throws {Sec0Error} `CORE_TOOL_REF_INVALID` when the text is empty or a part is missing.
 */
export function splitToolRef(text: string): WrittenToolRef {
  const trimmed = text.trim();
  let rest = trimmed;
  let server: string | undefined;
  if (trimmed.slice(0, SCHEME.length).toLowerCase() === SCHEME) {
    rest = trimmed.slice(SCHEME.length);
    const slash = rest.indexOf("/");
    if (slash <= 0)
      throw invalid(text, "an mcp:// reference needs a server and a tool: mcp://server/tool@1.0");
    server = rest.slice(0, slash);
    rest = rest.slice(slash + 1);
  }
  const at = rest.lastIndexOf("@");
  const tool = at === -1 ? rest : rest.slice(0, at);
  const version = at === -1 ? undefined : rest.slice(at + 1);
  if (tool.length === 0) throw invalid(text, "the tool name is empty");
  if (version !== undefined && version.length === 0)
    throw invalid(text, "nothing follows '@'; write tool@1.0");
  return { ...(server === undefined ? {} : { server }), tool, ...(version === undefined ? {} : { version }) };
}

/**
 * Formats a tool reference: `mcp://server/tool@version` when the server is known, else
 * `tool@version`; the `@version` part only when a version is present. Reserved characters are
 * percent-encoded, so the text parses back to the same reference (and, pasted into an allowlist,
 * matches it).
 * @example
 * formatToolRef({ server: "mcp-servers/everything", tool: "echo", version: "2.0.0" }); // "mcp://mcp-servers%2Feverything/echo@2.0.0"
 */
export function formatToolRef(ref: ToolRef): string {
  const tool = encodeToolRefSegment(ref.tool, "tool");
  const base =
    ref.server === undefined ? tool : `${SCHEME}${encodeToolRefSegment(ref.server, "server")}/${tool}`;
  return ref.version === undefined ? base : `${base}@${encodeToolRefSegment(ref.version, "version")}`;
}

/**
 * True when the reference names a concrete version: the version starts with a digit
 * (`1`, `1.0`, `2.3.1-beta`), not `*`, `latest` or nothing.
 */
export function isPinned(ref: ToolRef | string): boolean {
  const version = typeof ref === "string" ? parseToolRef(ref).version : ref.version;
  return version !== undefined && /^\d/.test(version);
}

function decodeOrThrow(text: string, segment: string): string {
  const decoded = decodeToolRefSegment(segment);
  if (decoded === undefined) throw invalid(text, badEscapeReason(segment));
  return decoded;
}

function invalid(text: string, why: string): Sec0Error {
  return new Sec0Error("CORE_TOOL_REF_INVALID", `Invalid tool reference "${text}": ${why}.`, {
    details: { ref: text },
  });
}
