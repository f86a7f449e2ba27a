// The process's one @opentelemetry/sdk-node, started on request. Libraries use the OpenTelemetry
// API; this is the opt-in place where a process wires the SDK, and it never registers a second
// global tracer provider.
import { trace } from "@opentelemetry/api";
import type { NodeSDK } from "@opentelemetry/sdk-node";
import { Sec0Error } from "@sec0/core";
import { buildNodeSdkConfiguration, validateNodeSdkOptions } from "./build-node-sdk-configuration.js";
import { registeredTracerProvider } from "./global-tracer-provider.js";
import { loadNodeSdk } from "./load-node-sdk.js";
import { differingNodeSdkOptions, isEmptyNodeSdkOptions } from "./same-node-sdk-options.js";
import type { Sec0NodeSdkHandle, Sec0NodeSdkOptions } from "./sec0-node-sdk-options.js";
import { shutdownOnExit } from "./shutdown-on-exit.js";

interface Running {
  readonly options: Sec0NodeSdkOptions;
  readonly started: Promise<Sec0NodeSdkHandle>;
}

/** The SDK's tracer provider; the API's TracerProvider type does not name forceFlush. */
interface Flushable {
  forceFlush(): Promise<void>;
}

let running: Running | undefined;

function alreadyInitialized(reason: string, details: Record<string, string | string[]> = {}): Sec0Error {
  return new Sec0Error(
    "INSTRUMENTATION_TRACING_ALREADY_INITIALIZED",
    `startSec0NodeSdk: ${reason}; nothing was started or replaced.`,
    { details: { reason, ...details } },
  );
}

const foreignProvider = (): Sec0Error =>
  alreadyInitialized(
    "another OpenTelemetry tracer provider is already registered globally (initTracing, or a NodeSDK started elsewhere): keep that one, sec0's spans go to it, or shut it down before starting the sec0 setup",
  );

function joinRunning(current: Running, options: Sec0NodeSdkOptions | undefined): Promise<Sec0NodeSdkHandle> {
  if (isEmptyNodeSdkOptions(options)) return current.started;
  const differing = differingNodeSdkOptions(current.options, options ?? {});
  if (differing.length === 0) return current.started;
  return Promise.reject(
    alreadyInitialized(
      `@opentelemetry/sdk-node already runs in this process with other options (${differing.join(", ")}): call startSec0NodeSdk() without options to get its handle, or shut it down first`,
      { differing },
    ),
  );
}

function createHandle(sdk: NodeSDK, options: Sec0NodeSdkOptions, release: () => void): Sec0NodeSdkHandle {
  const tracerProvider = registeredTracerProvider();
  let removeHooks = (): void => {};
  let stopping: Promise<void> | undefined;
  const stop = async (): Promise<void> => {
    removeHooks();
    try {
      await sdk.shutdown();
    } finally {
      // NodeSDK.shutdown leaves its provider registered; unregister it only if it is still ours.
      if (tracerProvider !== undefined && registeredTracerProvider() === tracerProvider) trace.disable();
      release();
    }
  };
  const handle: Sec0NodeSdkHandle = {
    sdk,
    tracerProvider,
    forceFlush: async () => {
      await (tracerProvider as Partial<Flushable> | undefined)?.forceFlush?.();
    },
    shutdown: () => {
      stopping ??= stop();
      return stopping;
    },
  };
  if (options.shutdownOnExit === true) removeHooks = shutdownOnExit(handle.shutdown);
  return handle;
}

async function startOnce(options: Sec0NodeSdkOptions, release: () => void): Promise<Sec0NodeSdkHandle> {
  validateNodeSdkOptions(options);
  const sdkModule = await loadNodeSdk();
  const sdk = new sdkModule.NodeSDK(buildNodeSdkConfiguration(sdkModule, options));
  // Checked again after the import: other code may have registered a provider meanwhile.
  if (registeredTracerProvider() !== undefined) throw foreignProvider();
  sdk.start();
  return createHandle(sdk, options, release);
}

/**
 * Starts `@opentelemetry/sdk-node` (an optional peer dependency, loaded here on first use) once
 * per process, so the spans of sec0's hops, guards and middleware are exported through it; see
 * {@link Sec0NodeSdkOptions} for the defaults. A second call while it runs returns the same
 * handle when it passes no options or the same ones. The SDK is never started next to a global
 * tracer provider registered by other code.
 *
 * @throws INSTRUMENTATION_OTEL_SDK_MISSING when `@opentelemetry/sdk-node` is not installed.
 * @throws INSTRUMENTATION_TRACING_OPTIONS_INVALID when an option is blank, `endpoint` is not a URL, or two trace pipelines are given.
 * @throws INSTRUMENTATION_TRACING_ALREADY_INITIALIZED when another global tracer provider is registered, or the SDK already runs with other options.
 * @example
 * const otel = await startSec0NodeSdk({ serviceName: "orders", shutdownOnExit: true });
 * await otel.shutdown();
 */
export function startSec0NodeSdk(options?: Sec0NodeSdkOptions): Promise<Sec0NodeSdkHandle> {
  if (running !== undefined) return joinRunning(running, options);
  if (registeredTracerProvider() !== undefined) return Promise.reject(foreignProvider());
  const given = { ...options };
  const release = (): void => {
    if (running === entry) running = undefined;
  };
  const entry: Running = { options: given, started: startOnce(given, release) };
  running = entry;
  entry.started.catch(release);
  return entry.started;
}
