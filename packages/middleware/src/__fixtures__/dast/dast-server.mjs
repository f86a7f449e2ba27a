// The DAST test's tool server as its deployment starts it: an official-SDK McpServer over stdio
// serving the handlers of dast-handlers.cjs. Run only in the sandbox (dast.server), never in the test.
import { createRequire } from "node:module";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const handlers = createRequire(import.meta.url)("./dast-handlers.cjs");
const server = new McpServer({ name: "files", version: "1.0.0" });
server.registerTool("save", { inputSchema: { path: z.string(), content: z.string() } }, handlers.save);
server.registerTool("echo", { inputSchema: { text: z.string() } }, handlers.echo);
server.registerTool("notes", { inputSchema: { topic: z.string() } }, handlers.notes);
server.registerTool("add", { inputSchema: { a: z.number(), b: z.number() } }, handlers.add);
await server.connect(new StdioServerTransport());
