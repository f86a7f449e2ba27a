import type { ToolDefinition } from "@sec0/guard";
import { asRecord } from "./json-rpc.js";

/** Tool definitions remembered per connection from the server's `tools/list` answers. */
export interface ToolCatalog {
  /** Remembers (or replaces) each tool's definition. */
  remember(tools: readonly ToolDefinition[]): void;
  get(name: string): ToolDefinition | undefined;
  /** Forgets everything (the server announced `notifications/tools/list_changed`). */
  clear(): void;
}

/** Beyond this many tools a catalog stops remembering new ones (a bound against a hostile server). */
export const MAX_CATALOG_TOOLS = 10_000;

/**
 * Creates an empty per-connection {@link ToolCatalog}.
 *
 * @example
 * const catalog = createToolCatalog();
 * catalog.remember([{ name: "read_file" }]);
 */
export function createToolCatalog(): ToolCatalog {
  const tools = new Map<string, ToolDefinition>();
  return {
    remember(list) {
      for (const tool of list) {
        if (tools.size >= MAX_CATALOG_TOOLS && !tools.has(tool.name)) continue;
        tools.set(tool.name, tool);
      }
    },
    get: (name) => tools.get(name),
    clear: () => tools.clear(),
  };
}

/**
 * The governed view of one entry of a `tools/list` answer: name, title, description, inputSchema,
 * outputSchema, annotations and `_meta`; undefined when the entry has no string name.
 *
 * @example
 * toToolDefinition({ name: "echo", inputSchema: { type: "object" } }); // { name: "echo", inputSchema: {...} }
 */
export function toToolDefinition(value: unknown): ToolDefinition | undefined {
  const tool = asRecord(value);
  if (tool === undefined || typeof tool.name !== "string") return undefined;
  const definition: {
    name: string;
    title?: string;
    description?: string;
    inputSchema?: unknown;
    outputSchema?: unknown;
    annotations?: Record<string, unknown>;
    _meta?: Record<string, unknown>;
  } = { name: tool.name };
  if (typeof tool.title === "string") definition.title = tool.title;
  if (typeof tool.description === "string") definition.description = tool.description;
  if (tool.inputSchema !== undefined) definition.inputSchema = tool.inputSchema;
  if (tool.outputSchema !== undefined) definition.outputSchema = tool.outputSchema;
  const annotations = asRecord(tool.annotations);
  if (annotations !== undefined) definition.annotations = annotations;
  const meta = asRecord(tool._meta);
  if (meta !== undefined) definition._meta = meta;
  return definition;
}
