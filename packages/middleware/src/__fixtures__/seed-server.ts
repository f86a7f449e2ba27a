// A minimal server of the seed docs' shape: tools registered as `server.tool("name@1.0", handler)`
// and dispatched by name, as 0.2.3's McpServerLike.
import type { McpServerLike, SeedToolContext, SeedToolHandler } from "../seed-server.js";

export interface TestSeedServer extends McpServerLike {
  call(nameAtVersion: string, context: SeedToolContext): Promise<unknown>;
  readonly tools: Map<string, SeedToolHandler>;
}

export function createTestSeedServer(name = "files", version = "1.0.0"): TestSeedServer {
  const tools = new Map<string, SeedToolHandler>();
  return {
    name,
    version,
    tools,
    tool(nameAtVersion, handler) {
      tools.set(nameAtVersion, handler);
    },
    __getTools: () => tools,
    async call(nameAtVersion, context) {
      const handler = tools.get(nameAtVersion);
      if (handler === undefined) throw new Error(`no tool ${nameAtVersion}`);
      return handler(context);
    },
  };
}
