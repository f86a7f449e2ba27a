import { configInvalid } from "./config-error.js";

/** Fields that would hold an API key itself rather than its digest. */
const PLAIN_KEY_FIELDS = ["key", "api_key", "apiKey", "secret", "value", "token"] as const;

/**
 * Refuses an `api_keys` entry holding a key in clear text, before anything else reads it, with a
 * message that says how to store its digest instead and never repeats the key.
 *
 * @throws {Sec0Error} `GATEWAY_APP_CONFIG_INVALID` naming `api_keys[i].key`.
 */
export function refusePlainApiKeys(
  data: Readonly<Record<string, unknown>>,
  shown: string,
  locate: (segments: PropertyKey[]) => { line: number; column: number } | undefined,
): void {
  const entries = data.api_keys;
  if (!Array.isArray(entries)) return;
  entries.forEach((entry: unknown, index) => {
    if (entry === null || typeof entry !== "object") return;
    const field = PLAIN_KEY_FIELDS.find((name) => Object.hasOwn(entry, name));
    if (field === undefined) return;
    throw configInvalid({
      source: shown,
      path: `api_keys[${index}].${field}`,
      message:
        "plain API keys are refused; store only the key's SHA-256 as sha256 " +
        '(printf %s "$KEY" | sha256sum) and remove the key from the file',
      ...locate(["api_keys", index, field]),
    });
  });
}
