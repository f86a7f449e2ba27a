import type { Server } from "node:http";
import { Sec0Error } from "@sec0/core";
import Fastify, { type FastifyInstance } from "fastify";
import { createGateway } from "./create-gateway.js";
import type { GatewayServerOptions } from "./gateway-options.js";
import { sec0Gateway } from "./http/gateway-plugin.js";

/** A running gateway: the Node server (0.2.3 returned it), when it listens, and how to stop it. */
export type GatewayServer = Server & {
  /** Resolves with the listening URL; rejects when the port cannot be bound. */
  readonly ready: Promise<{ readonly url: string }>;
  /** The Fastify app behind the server (routes, `inject()` in tests). */
  readonly app: FastifyInstance;
  /**
   * Stops accepting calls, lets in-flight ones finish (up to `shutdownTimeoutMs`), then flushes
   * the audit sink and closes the upstream pools and stores.
   */
  shutdown(): Promise<void>;
};

/**
 * Starts the gateway on `host:port` (default host `127.0.0.1`), as the seed README's step 4 does:
 * the options are checked before anything listens, and a bad one throws at once.
 *
 * @throws {Sec0Error} `GATEWAY_CONFIG_INVALID` for a missing port, tenant, audit or target.
 * @example
 * const server = startGatewayServer({ port: 8088, tenant: "my-app", targets, audit, quotas: { adapter: new InMemoryAdapter() } });
 * await server.ready;
 */
export function startGatewayServer(options: GatewayServerOptions): GatewayServer {
  checkServerOptions(options);
  const runtime = createGateway(options);
  const app = Fastify({
    bodyLimit: runtime.limits.maxBodyBytes,
    forceCloseConnections: "idle",
    return503OnClosing: true,
    logger: false,
    // Long names reach the gateway's own checks (400 with an audit record), not the router's 414.
    routerOptions: { maxParamLength: 4096 },
  });
  void app.register(sec0Gateway, { runtime });
  const ready = app
    .listen({ port: options.port, host: options.host ?? "127.0.0.1" })
    .then((address) => ({ url: address }));
  const shutdownTimeoutMs = options.shutdownTimeoutMs ?? 10_000;
  const shutdown = async () => {
    const timer = setTimeout(() => app.server.closeAllConnections(), shutdownTimeoutMs);
    timer.unref();
    // A keep-alive connection whose call finishes during shutdown goes idle afterwards: close it
    // then, rather than wait for the client to hang up.
    const sweep = setInterval(() => app.server.closeIdleConnections(), 50);
    sweep.unref();
    try {
      await app.close();
    } finally {
      clearTimeout(timer);
      clearInterval(sweep);
    }
  };
  return Object.assign(app.server, { ready, app, shutdown });
}

function checkServerOptions(options: GatewayServerOptions): void {
  const bad = (key: string, message: string) => {
    throw new Sec0Error("GATEWAY_CONFIG_INVALID", `startGatewayServer: ${message}`, { details: { key } });
  };
  if (options === null || typeof options !== "object") bad("", "pass an options object.");
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65_535) {
    bad("port", "port must be an integer from 0 to 65535.");
  }
  if (typeof options.tenant !== "string" || options.tenant.trim() === "")
    bad("tenant", "tenant must be a non-empty string.");
  if (typeof options.audit?.append !== "function") {
    bad("audit.append", "audit.append must be a function, e.g. (env) => appender.append(env).");
  }
  if (typeof options.audit?.gatewayName !== "string" || typeof options.audit?.gatewayVersion !== "string") {
    bad("audit.gatewayName", "audit.gatewayName and audit.gatewayVersion must be strings.");
  }
  const targets = options.targets ?? {};
  for (const [server, url] of Object.entries(targets)) {
    if (typeof url !== "string" || !URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
      bad(`targets.${server}`, `the target of ${JSON.stringify(server)} must be an http(s) URL.`);
    }
  }
}
