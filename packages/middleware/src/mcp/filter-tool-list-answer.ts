import type { JSONRPCMessage, JSONRPCResultResponse } from "@modelcontextprotocol/sdk/types.js";
import type { ServerIdentity, ToolGovernor } from "@sec0/guard";
import { asRecord } from "./json-rpc.js";
import { type ToolCatalog, toToolDefinition } from "./tool-catalog.js";

/**
 * A server's `tools/list` answer with only the tools the policy allows: the server's own entries,
 * every field it sent. Each definition is remembered (for calls and pinning). Without a server
 * identity, or when filtering fails, the client gets a JSON-RPC error instead of an unfiltered list.
 */
export async function filterToolListAnswer(
  governor: ToolGovernor,
  catalog: ToolCatalog,
  server: ServerIdentity | undefined,
  message: JSONRPCResultResponse,
  report: (error: unknown) => void,
): Promise<JSONRPCMessage> {
  const raw = Array.isArray(message.result.tools) ? message.result.tools : [];
  const definitions = raw.flatMap((tool) => toToolDefinition(tool) ?? []);
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
    const tools = raw.filter((tool) => allowed.has(String(asRecord(tool)?.name)));
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
