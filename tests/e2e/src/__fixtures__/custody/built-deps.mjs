import { createRequire } from "node:module";

// The built packages the custody fixtures use that tests/e2e does not link yet (@sec0/instrumentation,
// @sec0/audit, @sec0/signer, the OpenTelemetry SDK), imported from their dist by relative path.
export {
  closeHopAudit,
  flushHopAudit,
  initializeSec0App,
  sec0,
} from "../../../../../packages/instrumentation/dist/index.js";
export { Sec0Appender } from "../../../../../packages/audit/dist/index.js";
export { LocalDevSigner } from "../../../../../packages/signer/dist/index.js";
// The OpenTelemetry packages as Node resolves them from @sec0/instrumentation (their CJS builds:
// their "module" builds are for bundlers); one copy of @opentelemetry/api is shared by every package.
const require = createRequire(new URL("../../../../../packages/instrumentation/package.json", import.meta.url));
const api = require("@opentelemetry/api");
const sdk = require("@opentelemetry/sdk-trace-base");
export const { context, ROOT_CONTEXT, trace } = api;
export const { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } = sdk;
