import type { AuditSink, IdempotencyStore, Logger, QuotaStore } from "@sec0/core";
import type { EscalationReporter } from "@sec0/guard";
import type { Policy } from "@sec0/policy";

/** Where the gateway's audit records go: 0.2.3's `audit` option. */
export interface GatewayAuditOptions {
  /** Appends one envelope (e.g. `(env) => appender.append(env)` with a `Sec0Appender`). */
  readonly append: (envelope: Record<string, unknown>) => unknown;
  /** Named in every record as `gateway: "<name>@<version>"`. */
  readonly gatewayName: string;
  readonly gatewayVersion: string;
  /** 0.2.3's alternative name for the gateway in records. */
  readonly clientName?: string;
  /** Flushes pending records (called on shutdown), e.g. `() => appender.flush()`. */
  readonly flush?: () => Promise<void>;
}

/** How quotas are counted, and what happens when the store cannot answer. */
export interface GatewayQuotaOptions {
  /** `new InMemoryAdapter()` (one process) or `new RedisAdapter(redis)` (shared by replicas), or any `QuotaStore`. */
  readonly adapter: QuotaStore;
  /**
   * When the store fails or is slow: `closed` answers 503 (default when enforcing), `open`
   * allows (default when observing), `local` counts in this process meanwhile.
   */
  readonly failMode?: "closed" | "open" | "local";
  /** How long a quota decision may take before the fail mode applies (default 50 ms). */
  readonly timeoutMs?: number;
}

/** Limits of the HTTP boundary itself. */
export interface GatewayLimits {
  /** Largest request body, in bytes, refused with 413 while it is read (default 1 MiB). */
  readonly maxBodyBytes?: number;
  /** Largest upstream response, in bytes (default 10 MiB); larger is 502 `UPSTREAM`. */
  readonly maxResponseBytes?: number;
  /** Upstream connect timeout (default 5 s). */
  readonly connectTimeoutMs?: number;
  /** Upstream time to response headers (default 30 s). */
  readonly headersTimeoutMs?: number;
  /** Upstream idle time between body chunks (default 30 s). */
  readonly bodyTimeoutMs?: number;
  /** Whole-call deadline when the policy sets no `security.limits.max_duration_ms` (default 60 s). */
  readonly upstreamTimeoutMs?: number;
  /** Connections per upstream target (default 64). */
  readonly connectionsPerTarget?: number;
}

/**
 * Options of the gateway: the seed README's `startGatewayServer` options (`port`, `tenant`,
 * `targets`, `audit`, `quotas`, `enforcement`) plus the policy sections a gateway reads. A section
 * given here wins over the same section in `policy`.
 */
export interface GatewayOptions {
  /** The tenant this gateway serves (required; a policy naming another tenant is refused). */
  readonly tenant: string;
  /** MCP server name → upstream base URL (`POST {target}/invoke/{tool@version}`). */
  readonly targets?: Readonly<Record<string, string>>;
  readonly audit: GatewayAuditOptions;
  readonly quotas?: GatewayQuotaOptions;
  readonly enforcement?: {
    readonly mode?: "observe" | "enforce";
    readonly deny_on?: readonly string[];
    readonly escalate_on?: readonly string[];
  };
  /** A policy object or YAML text with the gateway's sections (0.2.3: `policyObject` / `policyYaml`). */
  readonly policy?: Partial<Policy> | string;
  readonly policyObject?: Partial<Policy>;
  readonly policyYaml?: string;
  readonly authn?: Policy["authn"];
  readonly entitlements?: Policy["entitlements"];
  readonly brokers?: Policy["brokers"];
  readonly security?: Policy["security"];
  readonly dedupe?: Policy["dedupe"];
  /** Idempotency records of side effects; default in memory (use the Redis store with replicas). */
  readonly idempotencyStore?: IdempotencyStore;
  /** Hashed API keys accepted besides OIDC tokens (`x-api-key`). */
  readonly apiKeys?: ReadonlyArray<{
    readonly id: string;
    readonly sha256: string;
    readonly tenant: string;
    readonly roles?: readonly string[];
  }>;
  /** Where denied side effects are escalated to a human. */
  readonly escalationReporter?: EscalationReporter;
  /** Reachability checks for `/readyz` beyond the built-in ones (e.g. Redis `PING`). */
  readonly readiness?: Readonly<Record<string, () => Promise<unknown>>>;
  /** `false`: a request without `x-idempotency-key` is accepted (0.2.3 and default: 400). */
  readonly requireIdempotencyKey?: boolean;
  readonly limits?: GatewayLimits;
  readonly logger?: Logger;
  /** Replaces the audit sink built from `audit.append` (tests). */
  readonly auditSink?: AuditSink;
}

/** Options of `startGatewayServer`: the gateway's, plus where to listen. */
export interface GatewayServerOptions extends GatewayOptions {
  readonly port: number;
  /** Default `127.0.0.1`; set `0.0.0.0` in a container. */
  readonly host?: string;
  /** Time given to in-flight calls on shutdown before connections are cut (default 10 s). */
  readonly shutdownTimeoutMs?: number;
}
