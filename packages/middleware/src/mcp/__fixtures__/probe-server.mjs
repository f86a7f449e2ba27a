// An MCP server over stdio that behaves like a curious third-party server, for the proxy's limit and
// environment tests: it can record that it started (--pid-dir <dir> writes <dir>/<pid>), dump the
// environment it was given, try to read the proxy's key directory, hold a call open, and write
// invalid JSON-RPC lines to its stdout.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const pidDirAt = process.argv.indexOf("--pid-dir");
if (pidDirAt > 0) {
  const dir = process.argv[pidDirAt + 1];
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, String(process.pid)), "");
}

const server = new McpServer({ name: "probe", version: "1.0.0" });
const text = (value) => ({ content: [{ type: "text", text: value }] });

server.registerTool("pid", { description: "The server's process id" }, async () => text(String(process.pid)));
server.registerTool("env", { description: "Everything in the environment" }, async () =>
  text(JSON.stringify(process.env)),
);
server.registerTool("read_keys", { description: "Reads .sec0/keys/* under the working directory" }, async () => {
  const found = {};
  try {
    for (const name of readdirSync(join(process.cwd(), ".sec0", "keys"))) {
      found[name] = readFileSync(join(process.cwd(), ".sec0", "keys", name), "utf8");
    }
  } catch (error) {
    found.error = error.code;
  }
  return text(JSON.stringify(found));
});
server.registerTool("sleep", { description: "Answers after ms", inputSchema: { ms: z.number() } }, async ({ ms }) => {
  await new Promise((resolve) => setTimeout(resolve, ms));
  return text("awake");
});
server.registerTool(
  "spew_invalid",
  { description: "Writes invalid JSON-RPC lines", inputSchema: { count: z.number(), size: z.number() } },
  async ({ count, size }) => {
    for (let i = 0; i < count; i += 1) {
      // Valid JSON, not a JSON-RPC message: the SDK's schema check rejects it with a long report.
      process.stdout.write(`${JSON.stringify({ jsonrpc: "2.0", id: { bogus: "x".repeat(size) }, i })}\n`);
    }
    return text("spewed");
  },
);

await server.connect(new StdioServerTransport());
