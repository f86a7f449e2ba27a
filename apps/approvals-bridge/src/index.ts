// The public API of @sec0/approvals-bridge-app, listed by name.
export { type BridgeConfig, BridgeConfigSchema } from "./config/bridge-config-schema.js";
export { loadBridgeConfig, parseBridgeConfig } from "./config/load-bridge-config.js";
export {
  type ApprovalsBridge,
  type ApprovalsBridgeDeps,
  createApprovalsBridge,
} from "./create-approvals-bridge.js";
export { BRIDGE_ERRORS, type BridgeErrorCode } from "./errors.js";
export { type BridgeLogger, createBridgeLogger } from "./logger.js";
export type {
  CardPoster,
  EscalationCard,
  PlatformName,
  PostedCard,
  Press,
  PressOutcome,
} from "./platforms/platform.js";
export { type BridgeSecrets, readBridgeSecrets } from "./secrets/bridge-secrets.js";
export { type BridgeService, startBridgeService } from "./start-service.js";
export type { BridgeState } from "./state/bridge-state.js";
export { createMemoryBridgeState } from "./state/memory-bridge-state.js";
export { createRedisBridgeState } from "./state/redis-bridge-state.js";
