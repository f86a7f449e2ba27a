import type { Logger } from "@sec0/core";
import { isSec0Error } from "@sec0/core";
import { LocalDevSigner } from "@sec0/signer";
import { configInvalid } from "./config-error.js";
import type { GatewayAppConfig } from "./gateway-app-config.js";
import type { ConfigEnv } from "./load-config.js";

/**
 * Loads the audit signing key `audit.key_ref` names: `file://` paths (and the safe key
 * directories) resolve against the config file's directory, `env://` reads `env`. The key never
 * appears in the error; a permissive key file is a warning on `logger`.
 *
 * @throws {Sec0Error} `GATEWAY_APP_CONFIG_INVALID` naming `audit.key_ref` (the signer's own code in
 *   `details.cause` and the message, e.g. `SIGNER_KEY_FILE_NOT_FOUND`).
 */
export function loadSigner(config: GatewayAppConfig, env: ConfigEnv, logger: Logger): LocalDevSigner {
  try {
    return LocalDevSigner.fromKeyRef(config.audit.keyRef, { cwd: config.source.dir, env, logger });
  } catch (error) {
    if (!isSec0Error(error)) throw error;
    const fromEnv = env.SEC0_SIGNING_KEY_REF?.trim() ? "env SEC0_SIGNING_KEY_REF" : undefined;
    throw configInvalid(
      {
        source: fromEnv ?? config.source.shown,
        path: fromEnv === undefined ? "audit.key_ref" : "",
        message: `${firstSentence(error.message)} (${error.code})`,
      },
      error,
    );
  }
}

function firstSentence(message: string): string {
  return (message.split("\n")[0] ?? message).replace(/\.$/, "");
}
