// The one place that loads @opentelemetry/sdk-node. It is an optional peer dependency, so it is
// imported only here, only when startSec0NodeSdk runs, and never by the main entry.
import { Sec0Error } from "@sec0/core";

/** What startSec0NodeSdk needs of the `@opentelemetry/sdk-node` module. */
export type NodeSdkModule = Pick<typeof import("@opentelemetry/sdk-node"), "NodeSDK" | "resources">;

/** The install line every missing-SDK message gives (the last sdk-node line that runs on Node 20). */
export const NODE_SDK_INSTALL = "npm install @opentelemetry/sdk-node@0.223";

const importNodeSdk = (): Promise<unknown> => import("@opentelemetry/sdk-node");

function isModuleNotFound(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND";
}

function missing(cause: unknown): Sec0Error {
  return new Sec0Error(
    "INSTRUMENTATION_OTEL_SDK_MISSING",
    `startSec0NodeSdk needs the optional peer dependency @opentelemetry/sdk-node, which could not be loaded: run \`${NODE_SDK_INSTALL}\` in the app (or drop the node-sdk setup).`,
    { details: { module: "@opentelemetry/sdk-node" }, cause },
  );
}

/**
 * Imports `@opentelemetry/sdk-node` (CommonJS, so its names may sit on `default`).
 * `importer` exists for tests; callers use the default.
 *
 * @throws INSTRUMENTATION_OTEL_SDK_MISSING when the module (or one it requires) is not installed.
 * @example
 * const { NodeSDK } = await loadNodeSdk();
 */
export async function loadNodeSdk(importer: () => Promise<unknown> = importNodeSdk): Promise<NodeSdkModule> {
  let loaded: unknown;
  try {
    loaded = await importer();
  } catch (error) {
    if (isModuleNotFound(error)) throw missing(error);
    throw error;
  }
  const namespace = loaded as Partial<NodeSdkModule> & { default?: Partial<NodeSdkModule> };
  const module = typeof namespace.NodeSDK === "function" ? namespace : namespace.default;
  if (typeof module?.NodeSDK !== "function" || module.resources === undefined) throw missing(undefined);
  return module as NodeSdkModule;
}
