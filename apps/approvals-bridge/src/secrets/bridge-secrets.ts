import type { BridgeConfig } from "../config/bridge-config-schema.js";
import { isLocalEnabled } from "../local/local-config.js";
import { readSecret } from "./read-secret.js";

/** Every secret the bridge uses, read once at start from their references. */
export interface BridgeSecrets {
  readonly webhookBearer?: string;
  readonly webhookSecret?: string;
  readonly discordToken?: string;
  readonly telegramToken?: string;
  readonly telegramSecret?: string;
  /** The local approvals page's access token (when the page is on). */
  readonly localToken?: string;
  /** Per tenant, its control-plane key (scope `escalation:vote_for`). */
  readonly tenantKeys: ReadonlyMap<string, string>;
}

/**
 * Reads the secrets the configuration references (`env://`, `file://` in a safe key directory).
 *
 * @throws {Sec0Error} `BRIDGE_CONFIG_INVALID` naming the first reference that cannot be read.
 */
export function readBridgeSecrets(
  config: BridgeConfig,
  options: { readonly env: Readonly<Record<string, string | undefined>>; readonly cwd: string },
): BridgeSecrets {
  const read = (ref: string | undefined, field: string) =>
    ref === undefined ? undefined : readSecret(ref, field, options);
  const tenantKeys = new Map<string, string>();
  for (const [tenant, routes] of Object.entries(config.tenants))
    tenantKeys.set(
      tenant,
      readSecret(routes.control_plane_key_ref, `tenants.${tenant}.control_plane_key_ref`, options),
    );
  const secrets = {
    webhookBearer: read(config.webhook.bearer_token_ref, "webhook.bearer_token_ref"),
    webhookSecret: read(config.webhook.shared_secret_ref, "webhook.shared_secret_ref"),
    discordToken: read(config.discord?.bot_token_ref, "discord.bot_token_ref"),
    telegramToken: read(config.telegram?.bot_token_ref, "telegram.bot_token_ref"),
    telegramSecret: read(config.telegram?.secret_token_ref, "telegram.secret_token_ref"),
    localToken: isLocalEnabled(config) ? read(config.local?.token_ref, "local.token_ref") : undefined,
  };
  return {
    ...Object.fromEntries(Object.entries(secrets).filter(([, value]) => value !== undefined)),
    tenantKeys,
  } as BridgeSecrets;
}
