import type { Clock, Logger, Signer } from "@sec0/core";
import type { FastifyInstance } from "fastify";
import type { Database } from "./db/database.js";
import type { RouteRegistry } from "./http/define-route.js";

/** What every route module gets: storage, the control plane's signing key, time and ids. */
export interface ControlPlaneContext {
  readonly db: Database;
  /** Signs what the control plane vouches for (policy versions); its public key is served. */
  readonly signer: Signer;
  readonly clock: Clock;
  /** A new random id with a prefix, e.g. `newId("esc")` → `esc_…`. */
  newId(prefix: string): string;
  readonly logger: Logger;
  /** The base URL clients reach the control plane at (discovery answers it). */
  readonly publicUrl: string;
  /** Directory of the filesystem object store (uploaded audit evidence). */
  readonly objectsDir: string;
}

/** A route module: registers its routes on `app`, schemas in `registry`. */
export type RouteModule = (
  app: FastifyInstance,
  registry: RouteRegistry,
  context: ControlPlaneContext,
) => void;
