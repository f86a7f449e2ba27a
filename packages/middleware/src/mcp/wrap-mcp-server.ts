import type { Server } from "@modelcontextprotocol/sdk/server/index.js";
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import { Sec0Error } from "@sec0/core";
import type { RegistryIntegrity, ServerIdentity, ToolGovernor } from "@sec0/guard";
import { handlerCode } from "../handler-code.js";
import { freezeToolRegistry } from "./freeze-tool-registry.js";
import { GovernedServerTransport } from "./governed-transport.js";

/** Options of {@link governMcpServer}. */
export interface GovernMcpServerOptions {
  /**
   * Called once per tool name when code tries to register or change a tool after wrapping (the
   * attempt itself throws `MIDDLEWARE_REGISTRY_FROZEN`).
   */
  onRegistryMutation?(toolName: string): void;
}

/**
 * Builds the governor once the wrapper knows the registry facts: `{ frozen: true }` for an
 * `McpServer` (whose registry it freezes), `undefined` for a low-level `Server`.
 */
export type GovernorFactory = (registry: RegistryIntegrity | undefined) => ToolGovernor;

const GOVERNED = Symbol.for("sec0.middleware.governed");

// The freeze refuses every later change itself; no per-call integrity reason to report.
/** An `McpServer`'s registry facts: frozen, and each tool's handler code for the SAST hook. */
function frozenRegistryOf(server: McpServer): RegistryIntegrity {
  const tools = (
    server as unknown as { _registeredTools?: Record<string, { handler?: unknown; callback?: unknown }> }
  )._registeredTools;
  return {
    frozen: true,
    reasonsFor: () => [],
    codeOf(tool) {
      const registered = tools?.[tool];
      const handler = registered?.handler ?? registered?.callback;
      return typeof handler === "function" ? handlerCode(handler as never) : undefined;
    },
  };
}

/**
 * Puts `governor` in front of an official MCP SDK server (`McpServer` or the low-level `Server`):
 * every later `connect(transport)` talks through a {@link GovernedServerTransport}, so each
 * `tools/call` is governed and each `tools/list` filtered. Wrap before connecting; wrapping a
 * connected server is not supported. On an `McpServer` the tool registry is frozen: later
 * `registerTool` / `tool` / task-tool registrations and tool updates (other than enable, disable
 * and remove) throw. Pass a {@link GovernorFactory} instead of a governor so that its audit
 * records state the freeze (`registry_frozen`); a ready-made governor records what its own
 * `registry` dependency says.
 *
 * @throws {Sec0Error} `MIDDLEWARE_ALREADY_CONNECTED` when the server is already connected,
 *   `MIDDLEWARE_ALREADY_GOVERNED` when it was wrapped before, `MIDDLEWARE_SERVER_UNSUPPORTED` when
 *   it is not an SDK server.
 * @example
 * const server = new McpServer({ name: "files", version: "1.0.0" });
 * server.registerTool("read_file", { inputSchema: { path: z.string() } }, readFile);
 * governMcpServer(server, (registry) => createGovernorFromOptions({ policy, signer }, registry));
 * await server.connect(new StdioServerTransport());
 */
export function governMcpServer<T extends McpServer | Server>(
  server: T,
  governor: ToolGovernor | GovernorFactory,
  options: GovernMcpServerOptions = {},
): T {
  const lowLevel = lowLevelServerOf(server);
  const marked = lowLevel as unknown as Record<symbol, unknown>;
  if (marked[GOVERNED] === true) {
    throw new Sec0Error("MIDDLEWARE_ALREADY_GOVERNED", "This MCP server is already governed; wrap it once.");
  }
  if (lowLevel.transport !== undefined) {
    throw new Sec0Error(
      "MIDDLEWARE_ALREADY_CONNECTED",
      "The MCP server is already connected; call governMcpServer before server.connect(transport).",
    );
  }
  // Only an McpServer has a tool registry to freeze; a low-level Server's handlers are its own.
  const freezable = lowLevel !== (server as unknown);
  // Built before the freeze: a factory that throws leaves the server as it was.
  const governing =
    typeof governor === "function"
      ? governor(freezable ? frozenRegistryOf(server as McpServer) : undefined)
      : governor;
  const originalConnect = lowLevel.connect.bind(lowLevel);
  // Instance property shadowing the prototype: McpServer.connect delegates to server.server.connect.
  lowLevel.connect = (transport: Transport): Promise<void> =>
    originalConnect(new GovernedServerTransport(transport, governing, identityOf(lowLevel)));
  marked[GOVERNED] = true;
  if (freezable) freezeToolRegistry(server as McpServer, options.onRegistryMutation);
  return server;
}

function lowLevelServerOf(server: McpServer | Server): Server {
  const candidate = "server" in server && isServer(server.server) ? server.server : server;
  if (!isServer(candidate)) {
    throw new Sec0Error(
      "MIDDLEWARE_SERVER_UNSUPPORTED",
      "governMcpServer needs an McpServer or Server from @modelcontextprotocol/sdk; for other servers use `sec0 mcp proxy`.",
    );
  }
  return candidate;
}

function isServer(value: unknown): value is Server {
  const server = value as Partial<Server> | undefined;
  return typeof server?.connect === "function" && typeof server.setRequestHandler === "function";
}

function identityOf(server: Server): ServerIdentity | undefined {
  // The SDK keeps serverInfo private; reading it lets stateless HTTP (no initialize per connection) work.
  const info = (server as unknown as { _serverInfo?: { name?: unknown; version?: unknown } })._serverInfo;
  if (typeof info?.name !== "string") return undefined;
  return typeof info.version === "string" ? { name: info.name, version: info.version } : { name: info.name };
}
