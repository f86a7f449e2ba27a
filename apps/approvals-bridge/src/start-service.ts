import path from "node:path";
import { Sec0Appender } from "@sec0/audit";
import { createRedisClient } from "@sec0/guard/redis";
import { LocalDevSigner } from "@sec0/signer";
import type { Redis } from "ioredis";
import type { BridgeConfig } from "./config/bridge-config-schema.js";
import { createApprovalsBridge } from "./create-approvals-bridge.js";
import type { BridgeLogger } from "./logger.js";
import { readBridgeSecrets } from "./secrets/bridge-secrets.js";
import type { BridgeState } from "./state/bridge-state.js";
import { createMemoryBridgeState } from "./state/memory-bridge-state.js";
import { createRedisBridgeState } from "./state/redis-bridge-state.js";

/** A running bridge. */
export interface BridgeService {
  readonly url: string;
  /** `memory` (one process) or `redis` (shared by replicas). */
  readonly state: "memory" | "redis";
  stop(): Promise<void>;
}

/**
 * Starts the bridge: reads the secrets, opens the shared state (Redis when `redis_url` is set,
 * else memory), the signed audit log of presses (`audit.dir`, key `audit.key_ref`), and listens;
 * logs `approvals page on <url>/local/` when the local page is on.
 *
 * @throws {Sec0Error} `BRIDGE_CONFIG_INVALID` for a secret or key that cannot be read.
 */
export async function startBridgeService(
  config: BridgeConfig,
  options: {
    readonly env: Readonly<Record<string, string | undefined>>;
    readonly cwd: string;
    readonly logger: BridgeLogger;
    readonly fetch?: typeof fetch;
    readonly telegramIntervalMs?: number;
  },
): Promise<BridgeService> {
  const secrets = readBridgeSecrets(config, options);
  const signer = LocalDevSigner.fromKeyRef(config.audit.key_ref, { cwd: options.cwd, env: options.env });
  const audit = new Sec0Appender({ config: { dir: path.resolve(options.cwd, config.audit.dir) }, signer });
  let redis: Redis | undefined;
  let state: BridgeState;
  if (config.redis_url === undefined) state = createMemoryBridgeState();
  else {
    redis = createRedisClient(config.redis_url);
    state = createRedisBridgeState({ redis });
  }
  const bridge = createApprovalsBridge({
    config,
    secrets,
    state,
    audit,
    logger: options.logger,
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    ...(options.telegramIntervalMs === undefined ? {} : { telegramIntervalMs: options.telegramIntervalMs }),
  });
  const url = await bridge.app.listen({ host: config.host, port: config.port });
  if (bridge.hasLocalPage) {
    // The URL only: the token is for `sec0 dev` to print, never for the log.
    const page = `${url.replace(/\/$/, "")}/local/`;
    options.logger.info({ url: page }, `approvals page on ${page}`);
  }
  await bridge.startBackground();
  return {
    url: url.replace(/\/$/, ""),
    state: redis === undefined ? "memory" : "redis",
    async stop() {
      await bridge.close();
      await audit.close();
      await state.close();
      await redis?.quit().catch(() => undefined);
    },
  };
}
