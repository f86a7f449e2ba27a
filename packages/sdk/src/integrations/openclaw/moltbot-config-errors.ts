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

/**
 * `SDK_OPENCLAW_UNSUPPORTED_OPTION` for a 0.2.3 key this release refuses rather than ignores.
 *
 * @example
 * throw unsupported("compliance.nlEval", "the openai evaluator is not supported: use the http provider");
 */
export function unsupported(field: string, what: string): Sec0Error {
  return new Sec0Error(
    "SDK_OPENCLAW_UNSUPPORTED_OPTION",
    `Sec0MoltbotConfig.${field} is not supported: ${what}.`,
    {
      details: { field },
    },
  );
}
