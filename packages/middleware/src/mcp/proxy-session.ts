import type { IOType } from "node:child_process";
import type { Stream, Writable } from "node:stream";
import { DEFAULT_INHERITED_ENV_VARS, StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import { type Logger, Sec0Error } from "@sec0/core";
import type { ToolGovernor } from "@sec0/guard";
import { acceptMalformedAnswers } from "./lenient-read-buffer.js";
import { createMessageInterceptor } from "./message-interceptor.js";
import { prepareToSend } from "./prepare-to-send.js";

/** The MCP server process a proxy starts (one per session). */
export interface ProxyChildOptions {
  readonly command: string;
  readonly args?: readonly string[];
  /**
   * The child's whole environment, exactly: nothing else is added. Default: the SDK's safe subset
   * of this process's variables (`HOME`, `LOGNAME`, `PATH`, `SHELL`, `TERM`, `USER`). The `sec0 mcp
   * proxy` command passes the host's environment without `SEC0_*` and without any variable a key
   * or token ref names.
   */
  readonly env?: Readonly<Record<string, string>>;
  readonly cwd?: string;
  /** Where the child's stderr goes (default `inherit`: the proxy's stderr, never its stdout). */
  readonly stderr?: IOType | Stream | number;
}

/** Why a proxy session ended (`idle_timeout`: an HTTP session had no request for its idle timeout). */
export type ProxySessionEnd = "server_exited" | "client_closed" | "closed" | "idle_timeout";

/** One client connection relayed to one MCP server child process. */
export interface ProxySession {
  /**
   * Terminates the child (stdin end, then SIGTERM, then SIGKILL, about 4 s at most) and the client
   * side; `reason` is what `ended` reports (default `closed`).
   */
  close(reason?: ProxySessionEnd): Promise<void>;
  /** Resolves once the session ended, with why. */
  readonly ended: Promise<ProxySessionEnd>;
  /** The child's process id. */
  readonly pid: number | null;
}

/**
 * Spawns the MCP server child over stdio and relays raw JSON-RPC messages between it and `client`
 * through the governing interceptor (raw transports, so methods sec0 does not know pass through).
 * The child is started before the client transport, so no client message can arrive first.
 * `clientOutput`, the stream under `client` when there is one (the stdio proxy's stdout), and the
 * child's stdin are corked per turn: the requests and answers sent in one turn leave in one write
 * (a notification alone, see {@link prepareToSend}).
 *
 * @throws {Sec0Error} `MIDDLEWARE_PROXY_SPAWN_FAILED` when the command cannot be started.
 * @example
 * const session = await openProxySession({ command: "node", args: ["server.mjs"] }, new StdioServerTransport(), governor);
 * console.error(await session.ended);
 */
export async function openProxySession(
  child: ProxyChildOptions,
  client: Transport,
  governor: ToolGovernor,
  logger?: Logger,
  clientOutput?: Writable,
): Promise<ProxySession> {
  const server = new StdioClientTransport({
    command: child.command,
    args: [...(child.args ?? [])],
    env: child.env === undefined ? undefined : exactEnvironment(child.env),
    cwd: child.cwd,
    stderr: child.stderr ?? "inherit",
  });
  acceptMalformedAnswers(server);
  const report = (error: Error): void => logger?.warn({ error: error.message }, "mcp proxy relay error");
  const interceptor = createMessageInterceptor({
    governor,
    sendToClient: (message, options) => {
      prepareToSend(clientOutput, message);
      return client.send(message, options);
    },
    sendToServer: (message) => {
      prepareToSend(childInput(server), message);
      return server.send(message);
    },
    onError: report,
  });
  let resolveEnded: (end: ProxySessionEnd) => void = () => undefined;
  const ended = new Promise<ProxySessionEnd>((resolve) => {
    resolveEnded = resolve;
  });
  let closing: Promise<void> | undefined;
  const finish = (why: ProxySessionEnd): Promise<void> => {
    // Assigned before anything runs: closing a transport calls its onclose, which lands here again.
    if (closing !== undefined) return closing;
    let done: () => void = () => undefined;
    closing = new Promise<void>((resolve) => {
      done = resolve;
    });
    interceptor.close();
    void Promise.allSettled([server.close(), client.close()]).then(() => {
      done();
      resolveEnded(why);
    });
    return closing;
  };

  server.onmessage = (message) => {
    interceptor.fromServer(message).catch(report);
  };
  server.onerror = report;
  server.onclose = () => void finish("server_exited");
  client.onmessage = (message, extra) => void interceptor.fromClient(message, extra);
  client.onerror = report;
  client.onclose = () => void finish("client_closed");

  try {
    await server.start();
  } catch (error) {
    await finish("server_exited");
    throw new Sec0Error(
      "MIDDLEWARE_PROXY_SPAWN_FAILED",
      `Could not start the MCP server "${child.command}": ${(error as Error)?.message ?? String(error)}. Check the command after "--" and that it is on PATH.`,
      { details: { command: child.command }, cause: error },
    );
  }
  await client.start();
  return { close: (reason = "closed") => finish(reason), ended, pid: server.pid };
}

/**
 * The child's stdin, which the SDK's transport keeps in `_process` (no public accessor): corked per
 * turn so the requests sent in one turn reach the child in one write. Absent (another SDK
 * layout, or the child not started), messages are written one by one as the SDK does.
 */
function childInput(transport: StdioClientTransport): Writable | undefined {
  return (transport as unknown as { _process?: { stdin?: Writable | null } })._process?.stdin ?? undefined;
}

/**
 * The SDK spawns with its default variables from `process.env` under the ones given; an
 * `undefined` value is one Node's spawn leaves out, so the child gets `env` and nothing else.
 */
function exactEnvironment(env: Readonly<Record<string, string>>): Record<string, string> {
  const exact: Record<string, string | undefined> = {};
  for (const name of DEFAULT_INHERITED_ENV_VARS) exact[name] = undefined;
  return Object.assign(exact, env) as Record<string, string>;
}
