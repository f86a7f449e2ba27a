import { compileAllowlist, type Logger } from "@sec0/core";
import { createResilientQuotaStore } from "@sec0/guard";
import { type Policy, parseDuration } from "@sec0/policy";
import { createDidCache } from "./ap2/did-cache.js";
import { notifyAp2Denied } from "./ap2/notify-ap2-denied.js";
import { verifyAp2Mandates } from "./ap2/verify-ap2-mandates.js";
import { createAuthenticator } from "./auth/create-authenticator.js";
import { createBroker } from "./brokers/create-broker.js";
import type { GatewayOptions } from "./gateway-options.js";
import { createGatewayMetrics } from "./http/gateway-metrics.js";
import { createGatewayRuntime, type GatewayRuntime, type RuntimeParts } from "./pipeline/gateway-runtime.js";
import type { CredentialBroker, MandateCheck } from "./pipeline/ports.js";
import { InMemoryAdapter } from "./quota/quota-adapters.js";

/**
 * Builds a gateway from its options: policy, authentication (OIDC against a cached JWKS and API
 * keys), entitlements, quotas with their fail mode, credential brokers, AP2 mandate checks, the
 * decision engine and the pooled upstream clients. Mount it with the `sec0Gateway` Fastify plugin
 * or serve it with `startGatewayServer`.
 *
 * @throws {Sec0Error} `GATEWAY_CONFIG_INVALID` (policy, options) and the `GATEWAY_AUTH_*` /
 *   `GATEWAY_BROKER_CONFIG_INVALID` configuration errors of its parts.
 */
export function createGateway(options: GatewayOptions): GatewayRuntime {
  return createGatewayRuntime(options, (policy) => partsFor(options, policy));
}

function partsFor(options: GatewayOptions, policy: Policy): RuntimeParts {
  const mode = policy.enforcement?.mode ?? "observe";
  const oidc = policy.authn?.oidc;
  const authenticator = createAuthenticator({
    tenant: options.tenant,
    mode,
    ...(oidc === undefined
      ? {}
      : {
          oidc: {
            issuer: oidc.issuer,
            audience: oidc.audience,
            jwksUri: oidc.jwks_uri,
            ...(oidc.algorithms === undefined ? {} : { algorithms: oidc.algorithms }),
            ...(oidc.clock_tolerance === undefined
              ? {}
              : { clockToleranceSec: toleranceSec(oidc.clock_tolerance) }),
            ...(oidc.claims === undefined ? {} : { claims: oidc.claims }),
          },
        }),
    ...(options.apiKeys === undefined
      ? {}
      : { apiKeys: options.apiKeys.map((k) => ({ ...k, roles: [...(k.roles ?? [])] })) }),
    ...(policy.authn?.allow_unauthenticated === undefined
      ? {}
      : { allowUnauthenticated: policy.authn.allow_unauthenticated }),
    ...(options.logger === undefined ? {} : { logger: options.logger }),
  });
  const metrics = createGatewayMetrics();
  const quotas = options.quotas;
  // A store in this process cannot be down or slow: no fail mode, no timer per call.
  const quota =
    quotas === undefined
      ? undefined
      : quotas.adapter instanceof InMemoryAdapter
        ? quotas.adapter
        : createResilientQuotaStore({
            primary: quotas.adapter,
            mode: quotas.failMode ?? (mode === "enforce" ? "closed" : "open"),
            timeoutMs: quotas.timeoutMs ?? 50,
            onDegrade: ({ mode: failMode, error }) =>
              options.logger?.warn(
                { failMode, err: (error as Error)?.message },
                "sec0 gateway quota store degraded",
              ),
          });
  return {
    authenticator,
    metrics,
    ...(quota === undefined ? {} : { quota }),
    ...(policy.brokers === undefined ? {} : { broker: brokerFor(policy, options) }),
    ...(ap2Enabled(policy) ? { mandates: mandatesFor(policy, options.logger) } : {}),
  };
}

// `clock_tolerance` is seconds as a number (0.2.3), or a duration string ("90s", "2m").
function toleranceSec(value: number | string): number {
  return typeof value === "number" ? value : Math.ceil(parseDuration(value) / 1000);
}

function brokerFor(policy: Policy, options: GatewayOptions): CredentialBroker {
  const broker = createBroker(
    policy.brokers as never,
    options.logger === undefined ? {} : { logger: options.logger },
  );
  return {
    headersFor: (server, tool, subjectToken) =>
      broker.headersFor(server, tool, subjectToken === undefined ? {} : { subjectToken }),
    close: () => broker.close(),
  };
}

function ap2Enabled(policy: Policy): boolean {
  const ap2 = policy.security?.ap2;
  if (ap2 === undefined || ap2.mode === "off") return false;
  return ap2.enabled === true || ap2.mode !== undefined;
}

function mandatesFor(policy: Policy, logger: Logger | undefined): MandateCheck {
  const ap2 = policy.security?.ap2 ?? {};
  const scope = ap2.tools?.allow === undefined ? undefined : compileAllowlist(ap2.tools.allow);
  // One resolver cache per gateway: did:web documents are fetched once per TTL, not per call.
  const didCache = createDidCache();
  return {
    covers: (toolRef) => scope === undefined || scope.match(toolRef).matched,
    verify: async (headers, args, idempotencyKey, call) => {
      const result = await verifyAp2Mandates(headers as never, args, idempotencyKey, {
        trustedIssuers: ap2.trusted_issuers ?? [],
        allowUnsigned: ap2.mode === "observe",
        ...(ap2.clock_skew_sec === undefined ? {} : { clockSkewSec: ap2.clock_skew_sec }),
        ...(ap2.algorithms === undefined ? {} : { algorithms: ap2.algorithms }),
        ...(ap2.allowed_did_methods === undefined ? {} : { allowedDidMethods: ap2.allowed_did_methods }),
        ...(ap2.require_expiry === undefined ? {} : { requireExpiry: ap2.require_expiry }),
        did: { cache: didCache },
      });
      if (result.ok) return { ok: true, downstreamHeaders: result.downstreamHeaders };
      if (ap2.policy_webhook_url !== undefined)
        notifyAp2Denied(ap2.policy_webhook_url, call, result.reasons, logger);
      return { ok: false, reasons: result.reasons };
    },
  };
}
