// Test helpers for sec0 packages. Private: never published, never imported by src/ code. Suites that
// import vitest live behind their own subpath (`@sec0/testkit/idempotency-store-contract`), so that
// plain Node scripts can import this barrel.

export { createFixedClock, type FixedClock } from "./fixed-clock.js";
export { freePort } from "./free-port.js";
export {
  type RecordedRequest,
  replyJson,
  startTestServer,
  type TestHandler,
  type TestServer,
} from "./http-test-server.js";
export { createMemoryAuditSink, type MemoryAuditSink } from "./memory-audit-sink.js";
export { createSeededIds } from "./seeded-ids.js";
export { createSeededKeyPair, type SeededKeyPair } from "./seeded-keys.js";
export { type ServiceProcessOptions, startServiceProcess } from "./service-process.js";
export { writeFileIn } from "./write-file-in.js";
