import { parseToolRef, Sec0Error } from "@sec0/core";
import type { RegistryIntegrity, ToolGovernor } from "@sec0/guard";
import { hashHandler, hashServerSnapshot } from "@sec0/guard";
import { handlerCode } from "./handler-code.js";
import { PolicyDeniedError } from "./policy-denied-error.js";

/** What a seed-shape tool handler receives (0.2.3 `McpServerLike`). */
export interface SeedToolContext {
  readonly args: Record<string, unknown>;
  readonly idempotencyKey?: string;
  readonly headers?: Record<string, string | string[] | undefined>;
}

export type SeedToolHandler = (context: SeedToolContext) => unknown;

/** A server in the seed docs' shape: tools registered as `server.tool("name@1.0", handler)`. */
export interface McpServerLike {
  readonly name: string;
  readonly version: string;
  tool(nameAtVersion: string, handler: SeedToolHandler): unknown;
  __getTools?(): Map<string, SeedToolHandler>;
  __setTool?(nameAtVersion: string, handler: SeedToolHandler): void;
}

/** True for objects of the seed shape (and not an official MCP SDK server). */
export function isSeedServer(server: unknown): server is McpServerLike {
  const candidate = server as McpServerLike & { registerTool?: unknown };
  return (
    typeof candidate?.tool === "function" &&
    typeof candidate.__getTools === "function" &&
    candidate.registerTool === undefined
  );
}

/**
 * Wraps every tool of a seed-shape server with the governor, then freezes the registry: later
 * `tool()`, `__setTool()` or map writes throw `MIDDLEWARE_REGISTRY_FROZEN` and are reported once
 * as `registry_mutation` on the next call. Handler hashes detect swaps that bypass the freeze.
 */
export function wrapSeedServer(
  server: McpServerLike,
  createGovernor: (registry: RegistryIntegrity) => ToolGovernor,
): ToolGovernor {
  const tools = server.__getTools?.();
  if (tools === undefined) {
    throw new Sec0Error(
      "MIDDLEWARE_SERVER_UNSUPPORTED",
      "The server has no __getTools(); pass an official MCP SDK server or a seed-shape server.",
    );
  }
  const originals = new Map<string, string>();
  const handlers = new Map<string, SeedToolHandler>();
  const wrappers = new Map<string, SeedToolHandler>();
  for (const [key, handler] of tools) {
    originals.set(key, hashHandler(handler));
    handlers.set(key, handler);
  }
  const snapshot = hashServerSnapshot(Object.fromEntries(originals));
  const attempts: string[] = [];
  const registry: RegistryIntegrity = {
    frozen: true,
    snapshot,
    codeOf(tool) {
      // The handler the wrapper runs for this tool (`name` or `name@version` keys).
      for (const [key, handler] of handlers)
        if (key === tool || key.startsWith(`${tool}@`)) return handlerCode(handler as never);
      return undefined;
    },
    reasonsFor(tool) {
      const reasons: string[] = [];
      if (attempts.length > 0) {
        reasons.push("registry_mutation");
        attempts.length = 0; // reported once, not on every later call
      }
      // Any entry that is no longer our wrapper was swapped behind the freeze: the server's code
      // changed, so every call is suspect, not only calls to the swapped tool.
      for (const [key, wrapper] of wrappers) {
        const current = tools.get(key);
        if (current === wrapper) continue;
        if (!reasons.includes("handler_swap")) reasons.push("handler_swap", "server_code_changed");
        const isCalled = key === tool || key.startsWith(`${tool}@`);
        if (isCalled && (current === undefined || hashHandler(current) !== originals.get(key))) {
          reasons.push("tool_code_changed");
        }
      }
      return reasons;
    },
  };
  const governor = createGovernor(registry);
  const setDirect = Map.prototype.set.bind(tools);
  for (const [key, handler] of [...tools]) {
    const ref = parseToolRef(key);
    const wrapper: SeedToolHandler = async (context) => {
      const outcome = await governor.govern(
        {
          server: { name: server.name, version: server.version },
          tool: ref.tool,
          ...(ref.version === undefined ? {} : { version: ref.version }),
          args: context.args ?? {},
          ...(context.headers === undefined ? {} : { headers: context.headers }),
          ...(context.idempotencyKey === undefined
            ? {}
            : { meta: { idempotencyKey: context.idempotencyKey } }),
        },
        (args) => Promise.resolve(handler({ ...context, args: { ...args } })),
      );
      if (outcome.status === "refused") throw new PolicyDeniedError(outcome.refusal);
      return outcome.result;
    };
    wrappers.set(key, wrapper);
    setDirect(key, wrapper);
  }
  const refuse = (what: string) => (name?: unknown) => {
    attempts.push(String(name ?? what));
    throw new Sec0Error(
      "MIDDLEWARE_REGISTRY_FROZEN",
      `The tool registry is frozen after sec0 wrapped it; ${what} of "${String(name)}" was refused. Register every tool before wrapping.`,
      { details: { tool: String(name ?? ""), kind: what } },
    );
  };
  Object.defineProperty(server, "tool", { value: refuse("tool()"), configurable: false, writable: false });
  if (typeof server.__setTool === "function") {
    Object.defineProperty(server, "__setTool", {
      value: refuse("__setTool()"),
      configurable: false,
      writable: false,
    });
  }
  Object.defineProperty(tools, "set", { value: refuse("map set"), configurable: false, writable: false });
  Object.defineProperty(tools, "delete", {
    value: refuse("map delete"),
    configurable: false,
    writable: false,
  });
  Object.defineProperty(tools, "clear", { value: refuse("map clear"), configurable: false, writable: false });
  return governor;
}
