// A small MCP server over stdio, built on the official SDK, for the proxy tests.
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { ErrorCode, McpError } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";

const server = new McpServer({ name: "fixture", version: "4.0.0" });
const text = (value) => ({ content: [{ type: "text", text: value }] });

server.registerTool(
  "echo",
  { description: "Echo text", inputSchema: { text: z.string() }, _meta: { version: "1.5" } },
  async ({ text: value }) => text(`echo: ${value}`),
);
server.registerTool("wipe", { description: "Delete everything" }, async () => text("wiped"));
server.registerTool("pid", { description: "The server's process id" }, async () => text(String(process.pid)));
server.registerTool("needs_login", { description: "Always asks for a login" }, async () => {
  throw new McpError(ErrorCode.UrlElicitationRequired, "Sign in first");
});
server.registerTool("exit_soon", { description: "Exits after answering" }, async () => {
  setTimeout(() => process.exit(0), 20);
  return text("bye");
});
server.registerTool(
  "slow",
  { description: "Reports progress", inputSchema: { steps: z.number() } },
  async ({ steps }, extra) => {
    const token = extra._meta?.progressToken;
    for (let step = 1; step <= steps; step += 1) {
      if (token !== undefined) {
        await extra.sendNotification({
          method: "notifications/progress",
          params: { progressToken: token, progress: step, total: steps },
        });
      }
    }
    return text("done");
  },
);
// A method sec0 does not know: it must pass through the proxy unchanged.
server.server.setRequestHandler(z.object({ method: z.literal("fixture/hello"), params: z.any().optional() }), async () => ({
  hello: "world",
}));

await server.connect(new StdioServerTransport());
