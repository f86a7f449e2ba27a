import { compileAllowlist, type ToolRef } from "@sec0/core";

/**
 * 0.2.3's `normalizeAllowlist`: a list of entries, trimmed and without empties; anything that is
 * not an array means "allow everything" (`["*"]`).
 */
export function normalizeAllowlist(list: unknown): string[] {
  if (!Array.isArray(list)) return ["*"];
  return list
    .filter((entry): entry is string => typeof entry === "string" && entry.trim().length > 0)
    .map((entry) => entry.trim());
}

/**
 * 0.2.3's `matchesAllowlist(list, tool, { serverName })` over core's one matcher. A bare tool
 * (`read@1.0`) is qualified with `serverName` when given.
 *
 * @example
 * matchesAllowlist(["mcp://files/*"], "read@1.0", { serverName: "files" }); // true
 */
export function matchesAllowlist(
  list: unknown,
  tool: string | ToolRef,
  options: { serverName?: string } = {},
): boolean {
  const entries = normalizeAllowlist(list);
  const text = typeof tool === "string" ? tool : undefined;
  const qualified =
    options.serverName !== undefined && text !== undefined && !/^mcp:\/\//i.test(text)
      ? `mcp://${options.serverName}/${text}`
      : tool;
  return compileAllowlist(entries).match(qualified).matched;
}
