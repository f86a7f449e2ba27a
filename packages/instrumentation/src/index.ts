// The public API of @sec0/instrumentation, listed by name.

export { startTraceExport } from "./start-trace-export.js";
