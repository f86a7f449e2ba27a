import { createInterface } from "node:readline";
import { PassThrough } from "node:stream";
import type { CliIo } from "../cli-context.js";
import { type McpProxyCommandOptions, runMcpProxy } from "../commands/mcp-proxy.js";

/** A line-oriented JSON-RPC client over the proxy's stdio, with every wait bounded (5 s). */
export function stdioRpc(toProxy: PassThrough, fromProxy: PassThrough) {
  const waiting = new Map<number, (message: Record<string, unknown>) => void>();
  const lines = createInterface({ input: fromProxy });
  lines.on("line", (line) => {
    const message = JSON.parse(line) as Record<string, unknown>;
    waiting.get(message.id as number)?.(message);
  });
  let next = 0;
  const notify = (method: string) => toProxy.write(`${JSON.stringify({ jsonrpc: "2.0", method })}\n`);
  const request = (method: string, params: unknown): Promise<Record<string, unknown>> => {
    next += 1;
    const id = next;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer to ${method} within 5 s`)), 5_000);
      waiting.set(id, (message) => {
        clearTimeout(timer);
        resolve(message);
      });
      toProxy.write(`${JSON.stringify({ jsonrpc: "2.0", id, method, params })}\n`);
    });
  };
  return {
    close: () => lines.close(),
    notify,
    request,
    /** The MCP handshake: `initialize` (its answer is returned), then `notifications/initialized`. */
    async initialize(): Promise<Record<string, unknown>> {
      const answer = await request("initialize", {
        protocolVersion: "2025-06-18",
        capabilities: {},
        clientInfo: { name: "raw", version: "1" },
      });
      notify("notifications/initialized");
      return answer;
    },
  };
}

/**
 * `sec0 mcp proxy` over in-memory stdio in front of `node <server>` (policy.yaml and .sec0 in the
 * io's cwd), with a client on its stdio. End `toProxy` to make the proxy exit; `running` is its code.
 */
export function startStdioProxy(server: string, io: CliIo, options: Partial<McpProxyCommandOptions> = {}) {
  const toProxy = new PassThrough();
  const fromProxy = new PassThrough();
  const running = runMcpProxy(
    {
      policy: "policy.yaml",
      auditDir: ".sec0",
      host: "127.0.0.1",
      command: process.execPath,
      args: [server],
      stdin: toProxy,
      stdout: fromProxy,
      ...options,
    },
    io,
  );
  return { running, toProxy, client: stdioRpc(toProxy, fromProxy) };
}
