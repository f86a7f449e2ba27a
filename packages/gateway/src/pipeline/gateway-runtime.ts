import type { AuditSink, QuotaStore } from "@sec0/core";
import { createDecisionEngine, createMemoryIdempotencyStore, type DecisionEngine } from "@sec0/guard";
import { createInlinePolicySource, type Policy } from "@sec0/policy";
import type { Authenticator } from "../auth/create-authenticator.js";
import { compileEntitlements, type EntitlementChecker } from "../entitlements/check-entitlements.js";
import type { GatewayLimits, GatewayOptions } from "../gateway-options.js";
import { buildGatewayPolicy } from "../gateway-policy.js";
import type { GatewayMetrics } from "../http/gateway-metrics.js";
import { compileQuotaRules, type QuotaRulesFor } from "../quota/quota-rules.js";
import { createUpstreamPools, type UpstreamPools } from "../upstream/upstream-pool.js";
import type { CredentialBroker, MandateCheck } from "./ports.js";

/** Everything a request is handled with, built once per gateway. */
export interface GatewayRuntime {
  readonly options: GatewayOptions;
  readonly policy: Policy;
  readonly mode: "observe" | "enforce";
  readonly engine: DecisionEngine;
  readonly targets: Readonly<Record<string, string>>;
  readonly authenticator: Authenticator;
  readonly entitlements: EntitlementChecker;
  /** The policy's `quotas`, compiled: the rules a call takes from. */
  readonly quotaRules: QuotaRulesFor;
  readonly quota: QuotaStore | undefined;
  readonly broker: CredentialBroker | undefined;
  readonly mandates: MandateCheck | undefined;
  readonly upstream: UpstreamPools;
  /** `<gatewayName>@<gatewayVersion>`, in every record and on upstream calls. */
  readonly gatewayId: string;
  readonly limits: Required<GatewayLimits>;
  /** The whole-call deadline: the policy's `max_duration_ms`, else `limits.upstreamTimeoutMs`. */
  readonly deadlineMs: number;
  readonly requireIdempotencyKey: boolean;
  readonly metrics: GatewayMetrics;
  close(): Promise<void>;
}

/** The parts a runtime is assembled from besides the options (each built by its own module). */
export interface RuntimeParts {
  readonly authenticator: Authenticator;
  readonly metrics: GatewayMetrics;
  readonly quota?: QuotaStore;
  readonly broker?: CredentialBroker;
  readonly mandates?: MandateCheck;
}

export const DEFAULT_LIMITS: Required<GatewayLimits> = Object.freeze({
  maxBodyBytes: 1024 * 1024,
  maxResponseBytes: 10 * 1024 * 1024,
  connectTimeoutMs: 5_000,
  headersTimeoutMs: 30_000,
  bodyTimeoutMs: 30_000,
  upstreamTimeoutMs: 60_000,
  connectionsPerTarget: 64,
});

/**
 * Builds the gateway's runtime: its policy (see `buildGatewayPolicy`), the decision engine on
 * surface `gateway` with the options' audit sink and idempotency store, the compiled
 * entitlements and the pooled upstream clients.
 *
 * @throws {Sec0Error} `GATEWAY_CONFIG_INVALID` for an invalid policy or options.
 */
export function createGatewayRuntime(
  options: GatewayOptions,
  makeParts: (policy: Policy) => RuntimeParts,
): GatewayRuntime {
  const policy = buildGatewayPolicy(options);
  const parts = makeParts(policy);
  const limits = { ...DEFAULT_LIMITS, ...definedOnly(options.limits ?? {}) };
  const gatewayId = `${options.audit.gatewayName}@${options.audit.gatewayVersion}`;
  const engine = createDecisionEngine(
    {
      surface: "gateway",
      tenant: options.tenant,
      ...(options.logger === undefined ? {} : { logger: options.logger }),
      // Every record, refusals before the engine included, names the gateway that made it.
      augment: () => ({ gateway: gatewayId }),
      adapters: {
        idempotencyStore: options.idempotencyStore ?? createMemoryIdempotencyStore(),
        ...(options.escalationReporter === undefined
          ? {}
          : { escalationReporter: options.escalationReporter }),
      },
    },
    { policySource: createInlinePolicySource(policy), auditSink: options.auditSink ?? auditSinkOf(options) },
  );
  const upstream = createUpstreamPools({
    connectTimeoutMs: limits.connectTimeoutMs,
    headersTimeoutMs: limits.headersTimeoutMs,
    bodyTimeoutMs: limits.bodyTimeoutMs,
    maxResponseBytes: limits.maxResponseBytes,
    connections: limits.connectionsPerTarget,
  });
  return {
    options,
    policy,
    mode: policy.enforcement?.mode ?? "observe",
    engine,
    targets: policy.targets ?? {},
    authenticator: parts.authenticator,
    entitlements: compileEntitlements(policy.entitlements),
    quotaRules: compileQuotaRules(policy.quotas),
    quota: parts.quota,
    broker: parts.broker,
    mandates: parts.mandates,
    upstream,
    gatewayId,
    limits,
    deadlineMs: policy.security?.limits?.max_duration_ms ?? limits.upstreamTimeoutMs,
    requireIdempotencyKey: options.requireIdempotencyKey !== false,
    metrics: parts.metrics,
    async close() {
      parts.authenticator.close();
      await parts.broker?.close();
      await upstream.close();
      await parts.quota?.close?.();
      await engine.close();
    },
  };
}

function auditSinkOf(options: GatewayOptions): AuditSink {
  const { audit } = options;
  return {
    append: async (envelope) => {
      await audit.append(envelope as Record<string, unknown>);
    },
    ...(audit.flush === undefined ? {} : { flush: () => (audit.flush as () => Promise<void>)() }),
  };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
