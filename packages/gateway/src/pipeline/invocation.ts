import type { IncomingHttpHeaders } from "node:http";

/** One tool call as the gateway received it, from `POST /mcp/…` or `POST /a2a/invoke`. */
export interface Invocation {
  readonly route: "mcp" | "a2a";
  /** The MCP server (a key of `targets`). */
  readonly server: string;
  /** As written in the path or body: `tool@version` (the version may be absent). */
  readonly toolAtVersion: string;
  readonly tool: string;
  readonly version?: string;
  readonly args: Record<string, unknown>;
  /** The request's headers, lower-case names. */
  readonly headers: IncomingHttpHeaders;
  /** The raw request body's size in bytes. */
  readonly bodyBytes: number;
}

/** What the gateway answers: status, headers and a JSON body. */
export interface GatewayAnswer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: unknown;
  /** Default `application/json; charset=utf-8`. */
  readonly contentType?: string;
}

// Names and versions come from paths and bodies: bounded, and free of control characters that
// could reach logs or headers.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/**
 * Splits `tool@version` at its last `@`, as 0.2.3's gateway did; `undefined` for a name that is
 * empty, too long or holds control characters.
 */
export function splitToolAtVersion(toolAtVersion: string): { tool: string; version?: string } | undefined {
  if (toolAtVersion.length === 0 || toolAtVersion.length > 300 || CONTROL.test(toolAtVersion))
    return undefined;
  const at = toolAtVersion.lastIndexOf("@");
  if (at <= 0) return { tool: toolAtVersion };
  const version = toolAtVersion.slice(at + 1);
  return version.length === 0 ? undefined : { tool: toolAtVersion.slice(0, at), version };
}

/** True for a server name the gateway can route: bounded, no control characters. */
export function isRoutableServer(server: string): boolean {
  return server.length > 0 && server.length <= 200 && !CONTROL.test(server);
}
