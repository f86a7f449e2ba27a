import type { BridgeConfig } from "../config/bridge-config-schema.js";

/** The `channelId` of every card posted to the local page (one page shows every tenant's cards). */
export const LOCAL_CHANNEL_ID = "local";

/** Where the local page and its API live on the bridge's HTTP server. */
export const LOCAL_PATHS = {
  page: "/local/",
  cards: "/local/api/cards",
  card: "/local/api/cards/:escalationId",
  votes: "/local/api/cards/:escalationId/votes",
} as const;

/** The cookie `GET /local/?token=` sets (HttpOnly, SameSite=Strict, Path=/local). */
export const LOCAL_COOKIE = "sec0_local";

/** The header a cookie-authenticated POST must carry (`x-sec0-local: 1`): a cross-site form cannot set it. */
export const LOCAL_CSRF_HEADER = "x-sec0-local";

/**
 * True when the local approvals page is on: the `local` section is present and not `enabled: false`.
 *
 * @example
 * isLocalEnabled({ local: { token_ref: "env://SEC0_LOCAL_TOKEN" } }); // true
 */
export function isLocalEnabled(config: Pick<BridgeConfig, "local">): boolean {
  return config.local !== undefined && config.local.enabled !== false;
}

/** The ids of the approvers who may press on the local page (`local: true`), in config order. */
export function localApproverIds(config: Pick<BridgeConfig, "approvers">): string[] {
  return config.approvers.filter((approver) => approver.local).map((approver) => approver.id);
}
