// The public API of @sec0/gateway, listed by name.

export type {
  Ap2Config,
  Ap2TrustConfig,
  VerifiedAp2Headers,
  VerifyAp2HeadersOptions,
} from "./ap2/ap2-config.js";
export { ap2IdempotencyKey } from "./ap2/ap2-idempotency-key.js";
export {
  AP2_BUNDLE_HEADER,
  AP2_CART_DIGEST_HEADER,
  AP2_CART_HEADER,
  AP2_CONSTRAINTS_DIGEST_HEADER,
  AP2_INTENT_HEADER,
} from "./ap2/ap2-legacy-headers.js";
export { AP2_REASONS, type Ap2Reason } from "./ap2/ap2-reasons.js";
export { buildAp2Headers } from "./ap2/build-ap2-headers.js";
export {
  type ArgsDigestComparison,
  canonicalizeJson,
  compareArgsToDigest,
  computeArgsDigest,
  sha256Hex,
} from "./ap2/compute-args-digest.js";
export { decodeCompactJwsPayload } from "./ap2/decode-compact-jws-payload.js";
export { resolveDid } from "./ap2/resolve-did.js";
export { verifyAp2Mandates } from "./ap2/verify-ap2-mandates.js";
export { verifyAp2MandatesFromHeaders } from "./ap2/verify-ap2-mandates-from-headers.js";
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
