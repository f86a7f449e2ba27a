// `node --import @sec0/instrumentation/node-sdk/register app.mjs`: starts @opentelemetry/sdk-node
// before the app's first import, configured by the standard OTEL_* variables, and shuts it down
// (flushing spans) on SIGTERM and beforeExit. A start that fails stops the process with the
// Sec0Error's code (a missing SDK, another provider already registered).
import { startSec0NodeSdk } from "./start-sec0-node-sdk.js";

await startSec0NodeSdk({ shutdownOnExit: true });
