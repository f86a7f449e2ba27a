import { Sec0Error } from "@sec0/core";
import type { ToolGovernor } from "@sec0/guard";
import { createGovernorFromOptions } from "./create-governor.js";
import { governMcpServer } from "./mcp/wrap-mcp-server.js";
import type { MiddlewareOptions } from "./options.js";
import { isSeedServer, wrapSeedServer } from "./seed-server.js";

const governors = new WeakMap<object, ToolGovernor>();

/**
 * Wraps a tool server so that every call goes through sec0: policy, detectors, integrity,
 * escalation and a signed audit record. Works with servers built on the official MCP SDK
 * (`McpServer` or `Server`: calls are intercepted at `tools/call`, `tools/list` is filtered) and
 * with servers of the seed shape (`server.tool("name@1.0", handler)`). Wrap after registering
 * every tool and before `connect()`.
 *
 * @throws {Sec0Error} `MIDDLEWARE_CONFIG_INVALID`, `MIDDLEWARE_SERVER_UNSUPPORTED`, or a policy
 * error (`POLICY_INVALID`) for a bad policy.
 * @example
 * sec0SecurityMiddleware({ policy, signer: LocalDevSigner.fromKeyRef(policy.signing.key_ref), sec0: { dir: ".sec0" } })(server);
 */
export function sec0SecurityMiddleware(options: MiddlewareOptions): <S extends object>(server: S) => S {
  return (server) => {
    if (governors.has(server)) {
      throw new Sec0Error(
        "MIDDLEWARE_CONFIG_INVALID",
        "This server is already wrapped by sec0; wrap it once.",
      );
    }
    if (isSeedServer(server)) {
      governors.set(
        server,
        wrapSeedServer(server, (registry) => createGovernorFromOptions(options, registry)),
      );
      return server;
    }
    if (isSdkServer(server)) {
      governMcpServer(server as never, (registry) => {
        const governor = createGovernorFromOptions(options, registry);
        governors.set(server, governor);
        return governor;
      });
      return server;
    }
    throw new Sec0Error(
      "MIDDLEWARE_SERVER_UNSUPPORTED",
      "sec0SecurityMiddleware needs an official MCP SDK server (McpServer or Server) or a seed-shape server with tool() and __getTools(). For any other MCP server, run it behind `sec0 mcp proxy`.",
    );
  };
}

/** The governor sec0 installed on `server`, for closing (flushing the audit log) or inspection. */
export function getSec0Governor(server: object): ToolGovernor | undefined {
  return governors.get(server);
}

/** Flushes and closes the audit log and timers of a wrapped server. */
export async function closeSec0Middleware(server: object): Promise<void> {
  await governors.get(server)?.close();
  governors.delete(server);
}

function isSdkServer(server: object): boolean {
  const candidate = server as {
    connect?: unknown;
    server?: { connect?: unknown };
    setRequestHandler?: unknown;
  };
  return (
    typeof candidate.connect === "function" &&
    (typeof candidate.server?.connect === "function" || typeof candidate.setRequestHandler === "function")
  );
}
