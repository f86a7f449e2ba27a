import { resolve } from "node:path";
import { installOutgoingPropagation } from "../context/propagate-outgoing.js";
import { buildAppProfile } from "./build-app-profile.js";
import { setCurrentSec0App } from "./current-app.js";
import { readConfigFile } from "./read-config-file.js";
import type { Sec0AppProfile } from "./sec0-app-profile.js";

/** Options of {@link initializeSec0App}. */
export interface InitializeSec0AppOptions {
  /** Directory the config path and the paths inside it resolve against (default `process.cwd()`). */
  readonly cwd?: string;
  /**
   * Environment for fallbacks (default `process.env`): `SEC0_CONTROL_PLANE_URL` (never a
   * generic variable), when `controlPlane.apiBaseUrl` is absent.
   */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/**
 * Loads `sec0.config.yaml` (or takes the same document as an object), validates it, builds the
 * app profile and stores it as the process's current app; later calls replace it. Reads only the
 * config file: no signer key (only checked to be named; the first hop that records opens it), no
 * network, no control plane.
 *
 * @throws {import("@sec0/core").Sec0Error} `INSTRUMENTATION_CONFIG_UNREADABLE` when the file
 * cannot be read; `INSTRUMENTATION_CONFIG_INVALID` (`details.field`, `details.line` for a file)
 * for a document that breaks the schema.
 * @example
 * const app = initializeSec0App("./sec0.config.yaml");
 * app.hops.get("OrderAgent.run")?.identity; // { agent: "order-agent@1.0.0" }
 */
export function initializeSec0App(
  pathOrObject: string | Readonly<Record<string, unknown>> = "sec0.config.yaml",
  options: InitializeSec0AppOptions = {},
): Sec0AppProfile {
  const cwd = resolve(options.cwd ?? process.cwd());
  const env = options.env ?? process.env;
  const file =
    typeof pathOrObject === "string"
      ? readConfigFile(resolve(cwd, pathOrObject))
      : { document: pathOrObject, source: { name: "<object>" } };
  const profile = buildAppProfile(file.document, { source: file.source, cwd, env });
  setCurrentSec0App(profile);
  installOutgoingPropagation();
  return profile;
}
