import { Sec0Error } from "@sec0/core";

/**
 * `SDK_OPENCLAW_CONFIG_INVALID` for one config key: the message names the key and the fix.
 *
 * @example
 * throw configInvalid("auditDir", 'must be a directory path, e.g. ".sec0"');
 */
export function configInvalid(field: string, what: string, cause?: unknown): Sec0Error {
  return new Sec0Error("SDK_OPENCLAW_CONFIG_INVALID", `Sec0MoltbotConfig.${field} ${what}.`, {
    details: { field },
    ...(cause === undefined ? {} : { cause }),
  });
}
