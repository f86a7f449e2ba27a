import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { Sec0Error } from "@sec0/core";

/** The SDK internals the freeze touches (not public API; checked before use). */
interface RegistryInternals {
  _registeredTools?: Record<string, { update?: (updates: Record<string, unknown>) => void }>;
  _createRegisteredTool?: (name: string, ...rest: unknown[]) => unknown;
  registerTool: (name: string, ...rest: unknown[]) => unknown;
  tool: (name: string, ...rest: unknown[]) => unknown;
}

/** Tool updates that do not change what runs: enable, disable, remove. */
const HARMLESS_UPDATES = new Set(["enabled"]);

/**
 * Freezes an `McpServer`'s tool registry: registering a tool (`registerTool`, `tool`, task tools)
 * or changing a registered one (handler, name, schema, description, annotations, `_meta`) throws
 * `MIDDLEWARE_REGISTRY_FROZEN`; enabling, disabling and removing a tool still work. `onMutation`
 * hears about each tool name once.
 *
 * @throws {Sec0Error} `MIDDLEWARE_REGISTRY_FROZEN` from the patched methods, never from this call.
 * @example
 * freezeToolRegistry(mcpServer, (name) => console.warn({ tool: name }, "registry mutation refused"));
 */
export function freezeToolRegistry(server: McpServer, onMutation?: (toolName: string) => void): void {
  const internals = server as unknown as RegistryInternals;
  const reported = new Set<string>();
  const refuse = (name: string): never => {
    if (!reported.has(name)) {
      reported.add(name);
      try {
        onMutation?.(name);
      } catch {
        // A reporting hook must not turn a refusal into a different failure.
      }
    }
    throw new Sec0Error(
      "MIDDLEWARE_REGISTRY_FROZEN",
      `Tool "${name}" cannot be registered or changed after governMcpServer; register every tool before wrapping.`,
      { details: { tool: name } },
    );
  };
  internals.registerTool = (name: string) => refuse(String(name));
  internals.tool = (name: string) => refuse(String(name));
  if (typeof internals._createRegisteredTool === "function") {
    internals._createRegisteredTool = (name: string) => refuse(String(name));
  }
  for (const [name, tool] of Object.entries(internals._registeredTools ?? {})) {
    const update = tool.update;
    if (typeof update !== "function") continue;
    tool.update = (updates: Record<string, unknown>) => {
      const isRemoval = Object.keys(updates).length === 1 && updates.name === null;
      const isHarmless = Object.keys(updates).every((key) => HARMLESS_UPDATES.has(key));
      if (!isRemoval && !isHarmless) refuse(name);
      update.call(tool, updates);
    };
  }
}
