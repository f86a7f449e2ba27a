import type { BridgeConfig } from "../config/bridge-config-schema.js";
import { isLocalEnabled, LOCAL_CHANNEL_ID } from "../local/local-config.js";
import type { PlatformName } from "../platforms/platform.js";

/** One place a tenant's cards go. */
export interface CardTarget {
  readonly platform: PlatformName;
  readonly channelId: string;
}

/** Who may vote, and where each tenant's cards go, from the configuration. */
export interface BridgeRoutes {
  targetsOf(tenant: string): readonly CardTarget[];
  /** The tenant a chat belongs to; `undefined` for a chat the bridge does not serve. */
  tenantOfChannel(platform: PlatformName, channelId: string): string | undefined;
  /** The sec0 approver id of a platform user for a tenant; `undefined`: not allowed. */
  approverOf(tenant: string, platform: PlatformName, userId: string): string | undefined;
}

/**
 * Builds the routing tables. A chat serves one tenant (a chat listed by two tenants is a
 * configuration error: a press there could not be told apart). The local page, when on, shows
 * every tenant's cards; a press there names its card's tenant as its chat, and counts only for an
 * approver with `local: true` of that tenant, as that approver's id.
 *
 * @throws {Error} for a chat listed by two tenants.
 */
export function createBridgeRoutes(
  config: Pick<BridgeConfig, "tenants" | "approvers" | "local">,
): BridgeRoutes {
  const local = isLocalEnabled(config);
  const targets = new Map<string, CardTarget[]>();
  const chats = new Map<string, string>();
  for (const [tenant, routes] of Object.entries(config.tenants)) {
    const list: CardTarget[] = [
      ...routes.discord_channels.map((channelId) => ({ platform: "discord" as const, channelId })),
      ...routes.telegram_chats.map((channelId) => ({ platform: "telegram" as const, channelId })),
      ...(local ? [{ platform: "local" as const, channelId: LOCAL_CHANNEL_ID }] : []),
    ];
    targets.set(tenant, list);
    if (local) chats.set(`local:${tenant}`, tenant);
    for (const target of list) {
      if (target.platform === "local") continue;
      const key = `${target.platform}:${target.channelId}`;
      const other = chats.get(key);
      if (other !== undefined && other !== tenant)
        throw new Error(`${key} is listed by tenants ${other} and ${tenant}.`);
      chats.set(key, tenant);
    }
  }
  const approvers = new Map<string, string>();
  for (const approver of config.approvers) {
    for (const tenant of approver.tenants) {
      for (const userId of approver.discord) approvers.set(`${tenant}|discord|${userId}`, approver.id);
      for (const userId of approver.telegram) approvers.set(`${tenant}|telegram|${userId}`, approver.id);
      if (local && approver.local) approvers.set(`${tenant}|local|${approver.id}`, approver.id);
    }
  }
  return {
    targetsOf: (tenant) => targets.get(tenant) ?? [],
    tenantOfChannel: (platform, channelId) => chats.get(`${platform}:${channelId}`),
    approverOf: (tenant, platform, userId) => approvers.get(`${tenant}|${platform}|${userId}`),
  };
}
