import type { ToolDefinition } from "../engine/engine-types.js";

/**
 * The version a tool declares in `_meta` (`sec0/version` first, then `version`), or undefined so the
 * server's `serverInfo.version` applies (docs/principles.md, principle 10).
 *
 * @example
 * declaredToolVersion({ name: "echo", _meta: { "sec0/version": "1.2" } }); // "1.2"
 */
export function declaredToolVersion(definition: ToolDefinition | undefined): string | undefined {
  const meta = definition?._meta;
  if (meta === undefined) return undefined;
  for (const key of ["sec0/version", "version"]) {
    const value = meta[key];
    if (typeof value === "string" && value.length > 0) return value;
    if (typeof value === "number" && Number.isFinite(value)) return String(value);
  }
  return undefined;
}
