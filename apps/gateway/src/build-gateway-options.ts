import type { AuditSink, Logger } from "@sec0/core";
import type { GatewayServerOptions } from "@sec0/gateway";
import type { EscalationReporter } from "@sec0/guard";
import type { GatewayAppConfig } from "./config/gateway-app-config.js";
import type { ServiceStores } from "./create-stores.js";

/**
 * The `startGatewayServer` options for a loaded config: its sections mapped onto the gateway's
 * options, the audit sink (a `Sec0Appender`), the stores and their readiness checks.
 *
 * @example
 * const server = startGatewayServer(buildGatewayOptions(config, { audit: appender, stores, logger }));
 */
export function buildGatewayOptions(
  config: GatewayAppConfig,
  deps: {
    readonly audit: AuditSink;
    readonly stores: ServiceStores;
    readonly logger: Logger;
    readonly escalationReporter?: EscalationReporter | undefined;
  },
): GatewayServerOptions {
  const { audit, stores, logger } = deps;
  return {
    port: config.server.port,
    host: config.server.host,
    shutdownTimeoutMs: config.server.shutdownTimeoutMs,
    tenant: config.tenant,
    // Given, the config's targets replace the policy's `targets` section (the gateway's rule).
    ...(Object.keys(config.targets).length === 0 ? {} : { targets: config.targets }),
    ...(config.policy === undefined ? {} : { policy: config.policy }),
    enforcement: config.enforcement,
    audit: {
      append: (envelope) => audit.append(envelope),
      gatewayName: config.gateway.name,
      gatewayVersion: config.gateway.version,
      flush: async () => {
        await audit.flush?.();
      },
    },
    quotas: { adapter: stores.quota, ...config.quotas },
    idempotencyStore: stores.idempotency,
    readiness: stores.readiness,
    ...(config.apiKeys.length === 0 ? {} : { apiKeys: config.apiKeys }),
    limits: config.limits,
    logger,
    ...(deps.escalationReporter === undefined ? {} : { escalationReporter: deps.escalationReporter }),
  };
}

/**
 * The upstreams the gateway routes to: the config's `targets` when it names any, else the policy
 * file's `targets` section.
 *
 * @example
 * Object.keys(effectiveTargets(config)); // ["files"]
 */
export function effectiveTargets(config: GatewayAppConfig): Readonly<Record<string, string>> {
  return Object.keys(config.targets).length > 0 ? config.targets : (config.policy?.targets ?? {});
}
