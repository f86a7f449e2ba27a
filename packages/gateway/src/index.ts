// The public API of @sec0/gateway, listed by name.

export { ap2IdempotencyKey } from "./ap2/ap2-idempotency-key.js";
export { buildAp2Headers } from "./ap2/build-ap2-headers.js";
export { resolveDid } from "./ap2/resolve-did.js";
export { verifyAp2Mandates } from "./ap2/verify-ap2-mandates.js";
export { type Authenticator, createAuthenticator } from "./auth/create-authenticator.js";
export type { Principal } from "./auth/principal.js";
export type { Broker, BrokerConfig, BrokerOptions } from "./brokers/broker-config.js";
export { createBroker } from "./brokers/create-broker.js";
export { createGateway } from "./create-gateway.js";
export {
  compileEntitlements,
  type EntitlementChecker,
  type EntitlementVerdict,
} from "./entitlements/check-entitlements.js";
export { GATEWAY_ERRORS, type GatewayErrorCode } from "./errors.js";
export type {
  GatewayAuditOptions,
  GatewayLimits,
  GatewayOptions,
  GatewayQuotaOptions,
  GatewayServerOptions,
} from "./gateway-options.js";
export { buildGatewayPolicy, GATEWAY_DEFAULT_DENY_ON } from "./gateway-policy.js";
export { GatewayError, isGatewayError } from "./http/gateway-error.js";
export { type Sec0GatewayPluginOptions, sec0Gateway } from "./http/gateway-plugin.js";
export type { GatewayRuntime } from "./pipeline/gateway-runtime.js";
export { InMemoryAdapter, RedisAdapter } from "./quota/quota-adapters.js";
export { type GatewayServer, startGatewayServer } from "./start-gateway-server.js";
