import { randomBytes } from "node:crypto";
import { type Clock, type Logger, type Signer, silentLogger, systemClock } from "@sec0/core";
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import { bundledConsoleDir } from "./console/console-dir.js";
import { serveConsole } from "./console/serve-console.js";
import type { ControlPlaneContext } from "./context.js";
import type { Database } from "./db/database.js";
import { createRouteRegistry, openApiDocument } from "./http/define-route.js";
import { installProblemHandler } from "./http/problem-handler.js";
import { ROUTE_MODULES } from "./routes/index.js";

/** The service version the OpenAPI document states. */
export const CONTROL_PLANE_VERSION = "0.1.0";

/** Options of {@link createControlPlane}. */
export interface ControlPlaneOptions {
  readonly db: Database;
  readonly signer: Signer;
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** The URL clients reach this service at (default `http://127.0.0.1:8787`). */
  readonly publicUrl?: string;
  /** Directory of uploaded audit evidence (default `.sec0/control-plane/objects`). */
  readonly objectsDir?: string;
  /** Largest accepted body in bytes (default 1 MiB). */
  readonly bodyLimit?: number;
  /**
   * The console's build directory, served at `/console/` (default: the bundled
   * `@sec0/console-app` build); `false` serves no console.
   */
  readonly consoleDir?: string | false;
  /** A pino logger for Fastify's request logs; off by default. */
  readonly fastifyLogger?: FastifyBaseLogger;
}

/**
 * Builds the control plane as a Fastify instance (not listening): every route of
 * `ROUTE_MODULES`, problem+json errors, `/healthz`, `/readyz` (the database answers),
 * `/openapi.json` and the console at `/console/`. `text/yaml` bodies are read as strings (policies).
 *
 * @example
 * const app = createControlPlane({ db: await openPglite(undefined), signer });
 * await app.listen({ port: 8787, host: "127.0.0.1" });
 */
export function createControlPlane(options: ControlPlaneOptions): FastifyInstance {
  return buildControlPlane(options).app;
}

/** {@link createControlPlane}, also returning the context its routes share (for background jobs). */
export function buildControlPlane(options: ControlPlaneOptions): {
  readonly app: FastifyInstance;
  readonly context: ControlPlaneContext;
} {
  const app = Fastify({
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    ...(options.fastifyLogger === undefined ? { logger: false } : { loggerInstance: options.fastifyLogger }),
    // Keys are sent as headers; a very long URL is never a valid request here.
    routerOptions: { maxParamLength: 512 },
  });
  installProblemHandler(app);
  app.addContentTypeParser(
    ["text/yaml", "application/yaml", "application/x-yaml"],
    { parseAs: "string" },
    (_request, body, done) => done(null, body),
  );
  const context: ControlPlaneContext = {
    db: options.db,
    signer: options.signer,
    clock: options.clock ?? systemClock,
    logger: options.logger ?? silentLogger,
    publicUrl: options.publicUrl ?? "http://127.0.0.1:8787",
    objectsDir: options.objectsDir ?? ".sec0/control-plane/objects",
    newId: (prefix) => `${prefix}_${randomBytes(12).toString("base64url")}`,
  };
  const registry = createRouteRegistry();
  app.get("/healthz", async () => ({ status: "ok" }));
  app.get("/readyz", async (_request, reply) => {
    const ready = await options.db.ping();
    return reply.code(ready ? 200 : 503).send({ status: ready ? "ready" : "database_unreachable" });
  });
  for (const register of ROUTE_MODULES) register(app, registry, context);
  app.get("/openapi.json", async () => openApiDocument(registry, CONTROL_PLANE_VERSION));
  if (options.consoleDir !== false) serveConsole(app, options.consoleDir ?? bundledConsoleDir());
  return { app, context };
}
