import type { JSONRPCMessage, JSONRPCResultResponse } from "@modelcontextprotocol/sdk/types.js";
import type { ServerIdentity, ToolDefinition, ToolGovernor } from "@sec0/guard";
import { type ToolCatalog, toToolDefinition } from "./tool-catalog.js";

/**
 * A server's `tools/list` answer with only the tools the policy allows: the server's own entries,
 * every field it sent. Each definition is remembered (for calls and pinning). A name listed twice
 * keeps its first entry only: the entry the client sees is the one the governor judged (a clean
 * twin cannot carry a poisoned one through). Without a server identity, or when filtering fails,
 * the client gets a JSON-RPC error instead of an unfiltered list.
 */
export async function filterToolListAnswer(
  governor: ToolGovernor,
  catalog: ToolCatalog,
  server: ServerIdentity | undefined,
  message: JSONRPCResultResponse,
  report: (error: unknown) => void,
): Promise<JSONRPCMessage> {
  const entries = firstEntryPerName(Array.isArray(message.result.tools) ? message.result.tools : []);
  const definitions = entries.map((entry) => entry.definition);
  catalog.remember(definitions);
  if (server === undefined) {
    return {
      jsonrpc: "2.0",
      id: message.id,
      error: { code: -32603, message: "sec0: the MCP server has not identified itself." },
    };
  }
  try {
    const allowed = new Set((await governor.filterToolList(server, definitions)).map((tool) => tool.name));
    const tools = entries.filter((entry) => allowed.has(entry.definition.name)).map((entry) => entry.raw);
    return { ...message, result: { ...message.result, tools } };
  } catch (error) {
    report(error);
    return {
      jsonrpc: "2.0",
      id: message.id,
      error: { code: -32603, message: "sec0 could not filter the tool list." },
    };
  }
}

/** Each named entry of the answer with its governed view, the first one of each name only. */
function firstEntryPerName(raw: readonly unknown[]): { raw: unknown; definition: ToolDefinition }[] {
  const seen = new Set<string>();
  const entries: { raw: unknown; definition: ToolDefinition }[] = [];
  for (const tool of raw) {
    const definition = toToolDefinition(tool);
    if (definition === undefined || seen.has(definition.name)) continue;
    seen.add(definition.name);
    entries.push({ raw: tool, definition });
  }
  return entries;
}
