import { Sec0Error } from "./errors.js";

/**
 * A parsed tool reference. Forms: `mcp://server/tool@version`, `mcp://server/tool`,
 * `tool@version` and `tool`.
 *
 * Case rules: the `mcp://` scheme is case-insensitive; server names, tool names and versions are
 * case-sensitive (MCP tool names are), and are compared exactly.
 */
export interface ToolRef {
  /** MCP server name (`serverInfo.name`); absent in the bare forms. */
  readonly server?: string;
  readonly tool: string;
  /** Declared version; absent in the versionless forms. */
  readonly version?: string;
}

const SCHEME = "mcp://";

/**
 * Parses a tool reference string.
 * @throws {Sec0Error} `CORE_TOOL_REF_INVALID` when the text is empty or a part is missing.
 * @example
 * parseToolRef("mcp://files/read@1.0"); // { server: "files", tool: "read", version: "1.0" }
 */
export function parseToolRef(text: string): ToolRef {
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
 * `tool@version`; the `@version` part only when a version is present.
 */
export function formatToolRef(ref: ToolRef): string {
  const base = ref.server === undefined ? ref.tool : `${SCHEME}${ref.server}/${ref.tool}`;
  return ref.version === undefined ? base : `${base}@${ref.version}`;
}

/**
 * True when the reference names a concrete version: the version starts with a digit
 * (`1`, `1.0`, `2.3.1-beta`), not `*`, `latest` or nothing.
 */
export function isPinned(ref: ToolRef | string): boolean {
  const version = typeof ref === "string" ? parseToolRef(ref).version : ref.version;
  return version !== undefined && /^\d/.test(version);
}

function invalid(text: string, why: string): Sec0Error {
  return new Sec0Error("CORE_TOOL_REF_INVALID", `Invalid tool reference "${text}": ${why}.`, {
    details: { ref: text },
  });
}
