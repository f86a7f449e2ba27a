// The public API of @sec0/instrumentation/node-sdk, listed by name. The main entry never imports
// this folder, so @opentelemetry/sdk-node stays an optional peer dependency.
export type {
  Sec0Instrumentation,
  Sec0NodeSdkHandle,
  Sec0NodeSdkOptions,
  Sec0SpanExporter,
  Sec0SpanProcessor,
} from "./sec0-node-sdk-options.js";
export { startSec0NodeSdk } from "./start-sec0-node-sdk.js";
