/**
 * The one list of secret-like names (`api_key`, `secret`, `token`, `password`, …) as regex
 * fragments, matched case-insensitively. Every regex or needle list of the secrets detector that
 * looks for "a name a secret is assigned to" is built from it.
 */

/** Names (regex fragments) under which a value is taken for a secret: `API_KEY=…`, `"token": …`. */
export const SECRET_WORDS: readonly string[] = [
  "api[_-]?key",
  "apikey",
  "secret",
  "token",
  "passw(?:or)?d",
  "pwd",
  "pass",
  "credentials?",
  "access[_-]?key",
  "private[_-]?key",
  "auth[_-]?key",
  "client[_-]?secret",
  "signing[_-]?key",
  "encryption[_-]?key",
];

/** Vendor names that mark a value as that vendor's key (`datadog_key: …`). */
export const SECRET_VENDORS: readonly string[] = [
  "sourcegraph",
  "meraki",
  "sumo[_-]?logic",
  "okta",
  "twilio",
  "mailchimp",
  "heroku",
  "datadog",
  "algolia",
  "cohere",
  "etsy",
  "beamer",
  "discord",
  "mapbox",
  "pagerduty",
  "jfrog",
  "snyk",
];

/**
 * Words of {@link SECRET_WORDS} the secrets detector's cheap pre-check does not look for: it
 * never did, and adding them would change findings (`signing_key=…` alone is a known miss).
 */
export const UNHINTED_SECRET_WORDS: ReadonlySet<string> = new Set(["signing[_-]?key", "encryption[_-]?key"]);

/**
 * Stems the pre-check looks for besides the list: each covers list words (`auth` covers
 * `auth[_-]?key`, `credential` covers `credentials?`) and more (`Authorization`).
 */
export const SECRET_HINT_STEMS: readonly string[] = ["auth", "credential"];

/**
 * Secret words and vendors short enough to be keyword needles uncut and matched by the pre-check
 * on their own: when the keyword pass saw one, the pre-check's regex need not run.
 */
export const SECRET_HINT_WORDS: readonly string[] = [
  ...SECRET_WORDS.filter((w) => /^[a-z]{3,6}$/.test(w) && w !== "apikey"),
  "apikey",
  "auth",
  "curl",
  ...SECRET_VENDORS.filter((v) => /^[a-z]{3,6}$/.test(v)),
];

/** `words` as one alternation (without a group). */
export function alternation(words: readonly string[]): string {
  return words.join("|");
}

/**
 * Words that, twice in one value, mark it as documentation filler (`your_token_here`), not a
 * secret. Global: use with `String.prototype.match`, which resets `lastIndex`.
 */
export const FILLER_WORDS =
  /(?:your|token|here|secret|sample|dummy|fake|placeholder|access|config|replace|insert|redacted)/gi;
