// `sec0-sdk/middleware` mirrors `@sec0/middleware` (`export *` keeps the two from drifting); the
// entry points that take options are the ones of ./with-trace-export.ts, which also export spans
// to `otel.endpoint` (explicit exports win over `export *`).
export * from "@sec0/middleware";
export {
  createGovernorFromOptions,
  createToolGovernor,
  sec0HostedMiddleware,
  sec0LocalMiddleware,
  sec0SecurityMiddleware,
} from "./with-trace-export.js";
