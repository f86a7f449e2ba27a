import { join, resolve } from "node:path";
import type { FastifyInstance } from "fastify";
import { buildControlPlane } from "./app.js";
import type { ControlPlaneConfig } from "./config/config-schema.js";
import type { ControlPlaneContext } from "./context.js";
import type { Database } from "./db/database.js";
import { loadSigningKey } from "./load-signing-key.js";
import type { ServiceLogger } from "./logger.js";
import { openDatabase } from "./open-database.js";

/** A running control plane. */
export interface RunningControlPlane {
  readonly url: string;
  readonly app: FastifyInstance;
  readonly context: ControlPlaneContext;
  readonly storage: Database["kind"];
  /** Stops accepting requests, finishes those in flight (bounded), stops background jobs, closes the database. */
  stop(): Promise<void>;
}

/** Background jobs the service starts beside the HTTP server (each returns its stop). */
export type BackgroundJob = (context: ControlPlaneContext, config: ControlPlaneConfig) => () => void;

/**
 * Opens storage (migrated), loads the signing key, builds the app and listens.
 *
 * @example
 * const service = await startService(loadConfig(process.env, process.cwd()), { logger, cwd, env });
 */
export async function startService(
  config: ControlPlaneConfig,
  deps: {
    readonly logger: ServiceLogger;
    readonly cwd: string;
    readonly env: NodeJS.ProcessEnv;
    readonly jobs?: readonly BackgroundJob[];
  },
): Promise<RunningControlPlane> {
  const { logger } = deps;
  const db = await openDatabase(config, deps.cwd, (error) =>
    logger.error({ err: error.message }, "database client error"),
  );
  const { signer, created } = loadSigningKey(config, deps.cwd, deps.env);
  if (created) logger.info({ key_id: signer.keyId }, "created the control plane's policy signing key");
  const publicUrl = config.public_url ?? `http://${config.host}:${config.port}`;
  const { app, context } = buildControlPlane({
    db,
    signer,
    logger,
    publicUrl,
    bodyLimit: config.body_limit_bytes,
    objectsDir: resolve(deps.cwd, config.objects_dir ?? join(config.data_dir, "objects")),
    fastifyLogger: logger.pino,
    ...(config.console === false
      ? { consoleDir: false as const }
      : config.console_dir === undefined
        ? {}
        : { consoleDir: resolve(deps.cwd, config.console_dir) }),
  });
  const stops = (deps.jobs ?? []).map((job) => job(context, config));
  let address: string;
  try {
    address = await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    for (const stop of stops) stop();
    await db.close().catch(() => undefined);
    throw error;
  }
  let stopping: Promise<void> | undefined;
  return {
    url: address,
    app,
    context,
    storage: db.kind,
    stop() {
      stopping ??= (async () => {
        for (const stop of stops) stop();
        const timer = setTimeout(() => app.server.closeAllConnections(), config.shutdown_timeout_ms);
        timer.unref();
        try {
          await app.close();
        } finally {
          clearTimeout(timer);
          await db.close();
        }
      })();
      return stopping;
    },
  };
}
