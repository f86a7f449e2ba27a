// Helpers to run the hostile MCP server (hostile-server.mjs; its modes are documented at its top)
// behind the sec0 proxy, over stdio or Streamable HTTP.
import { PassThrough } from "node:stream";
import { fileURLToPath } from "node:url";
import type { ToolGovernor } from "@sec0/guard";
import { type McpProxy, startMcpProxy } from "../proxy.js";
import type { ProxyChildOptions } from "../proxy-session.js";

/** Path of the hostile server script. */
export const HOSTILE_SERVER_PATH = fileURLToPath(new URL("./hostile-server.mjs", import.meta.url));

/** A misbehaviour of the hostile server (see the top of hostile-server.mjs). */
export type HostileMode =
  | "forged-ids"
  | "duplicate-ids"
  | "notifications"
  | "flood"
  | "huge-line"
  | "die-mid-call"
  | "sampling"
  | "fake-refusal-meta"
  | "malformed-error";

/** The proxy child options that start the hostile server in `modes` (none: well-behaved). */
export function hostileChild(
  modes: HostileMode | readonly HostileMode[] | undefined,
  extra: { readonly count?: number; readonly sizeMb?: number } = {},
): ProxyChildOptions {
  const list = modes === undefined ? [] : typeof modes === "string" ? [modes] : modes;
  const args = [HOSTILE_SERVER_PATH];
  if (list.length > 0) args.push("--mode", list.join(","));
  if (extra.count !== undefined) args.push("--count", String(extra.count));
  if (extra.sizeMb !== undefined) args.push("--size", String(extra.sizeMb));
  return { command: process.execPath, args, stderr: "ignore" };
}

/** A proxy in front of the hostile server; in stdio mode, the client's two ends. */
export interface HostileProxy {
  readonly proxy: McpProxy;
  /** What the client writes (stdio mode). */
  readonly toProxy: PassThrough;
  /** What the client reads (stdio mode). */
  readonly fromProxy: PassThrough;
  /** The Streamable HTTP endpoint (HTTP mode). */
  readonly url?: URL;
}

/**
 * Starts the proxy (stdio by default, Streamable HTTP on 127.0.0.1 with `http: true`) in front of
 * the hostile server in `modes`. The caller closes `proxy`.
 */
export async function startProxyAgainst(
  modes: HostileMode | readonly HostileMode[] | undefined,
  options: {
    readonly governor: ToolGovernor;
    readonly http?: boolean;
    readonly count?: number;
    readonly sizeMb?: number;
  },
): Promise<HostileProxy> {
  const child = hostileChild(modes, options);
  const toProxy = new PassThrough();
  const fromProxy = new PassThrough();
  if (options.http === true) {
    const proxy = await startMcpProxy({ ...child, governor: options.governor, http: { port: 0 } });
    return { proxy, toProxy, fromProxy, url: new URL(proxy.url ?? "") };
  }
  const proxy = await startMcpProxy({ ...child, governor: options.governor, stdin: toProxy, stdout: fromProxy });
  return { proxy, toProxy, fromProxy };
}
