import { Sec0Appender } from "@sec0/audit";
import { type Logger, Sec0Error } from "@sec0/core";
import { type GatewayServer, startGatewayServer } from "@sec0/gateway";
import { buildGatewayOptions } from "./build-gateway-options.js";
import type { GatewayAppConfig } from "./config/gateway-app-config.js";
import type { ConfigEnv } from "./config/load-config.js";
import { loadSigner } from "./config/load-signer.js";
import { createStores } from "./create-stores.js";
import { escalationReporterFromEnv } from "./escalation-reporter-from-env.js";

/** A running gateway service. */
export interface RunningService {
  readonly url: string;
  /** `redis` when `REDIS_URL` is set, `memory` otherwise. */
  readonly mode: "redis" | "memory";
  readonly server: GatewayServer;
  /** Drains in-flight calls, seals the audit day file, disconnects Redis. Idempotent. */
  stop(): Promise<void>;
}

/**
 * Starts the service for a loaded config: the signer and a `Sec0Appender`, the stores (Redis or
 * memory), then the gateway server; resolves once it listens.
 *
 * @throws {Sec0Error} `GATEWAY_APP_CONFIG_INVALID` (signing key, gateway options),
 *   `GATEWAY_APP_START_FAILED` when the address cannot be bound.
 * @example
 * const service = await startService(loadConfig(process.env), { env: process.env, logger });
 */
export async function startService(
  config: GatewayAppConfig,
  deps: { readonly env: ConfigEnv; readonly logger: Logger },
): Promise<RunningService> {
  const appender = openAppender(config, deps);
  const stores = createStores(config);
  const release = async () => {
    await Promise.allSettled([appender.close(), stores.close()]);
  };
  let server: GatewayServer;
  try {
    server = startGatewayServer(
      buildGatewayOptions(config, {
        audit: appender,
        stores,
        logger: deps.logger,
        escalationReporter: escalationReporterFromEnv(deps.env, deps.logger),
      }),
    );
  } catch (error) {
    await release();
    throw asConfigError(config, error);
  }
  const url = await listeningUrl(config, server, release);
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= server.shutdown().finally(release);
    return stopping;
  };
  return { url, mode: stores.mode, server, stop };
}

/** The signed audit sink: the key `audit.key_ref` names, the directory, the durability, the signing mode. */
function openAppender(config: GatewayAppConfig, deps: { readonly env: ConfigEnv; readonly logger: Logger }) {
  const signer = loadSigner(config, deps.env, deps.logger);
  return new Sec0Appender({
    config: {
      dir: config.audit.dir,
      ...(config.audit.durability === undefined ? {} : { durability: config.audit.durability }),
      ...(config.audit.signing === undefined ? {} : { signing: config.audit.signing }),
      onAsyncError: (error) => deps.logger.warn({ err: error }, "sec0 gateway audit background work failed"),
    },
    signer,
  });
}

async function listeningUrl(
  config: GatewayAppConfig,
  server: GatewayServer,
  release: () => Promise<void>,
): Promise<string> {
  try {
    return (await server.ready).url;
  } catch (error) {
    await Promise.allSettled([server.shutdown(), release()]);
    const { host, port } = config.server;
    throw new Sec0Error(
      "GATEWAY_APP_START_FAILED",
      `cannot listen on ${host}:${port}: ${(error as Error).message}`,
      {
        details: { host, port },
        cause: error,
      },
    );
  }
}

/** The gateway's own option errors (`GATEWAY_CONFIG_INVALID`, `GATEWAY_AUTH_CONFIG_INVALID`, …) in the service's words. */
function asConfigError(config: GatewayAppConfig, error: unknown): unknown {
  if (!(error instanceof Sec0Error)) return error;
  return new Sec0Error(
    "GATEWAY_APP_CONFIG_INVALID",
    `${config.source.shown}: ${error.message} (${error.code})`,
    {
      details: { source: config.source.shown, cause: error.code },
      cause: error,
    },
  );
}
