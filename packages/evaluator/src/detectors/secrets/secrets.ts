import { registerNeedles } from "../../keyword-index.js";
import { eachMatch, shannonEntropy } from "../../regex-util.js";
import { anyNeedleSeen, requirementMet, type StringScan, stringScanFor } from "../../string-scan.js";
import type { Detector, DetectorMatch } from "../../types.js";
import { regexRequirement } from "../rule-gate.js";
import { NO_MATCHES } from "../rule-set.js";
import { detectProviderTokens } from "./provider-tokens.js";
import {
  alternation,
  FILLER_WORDS,
  SECRET_HINT_STEMS,
  SECRET_HINT_WORDS,
  SECRET_VENDORS,
  SECRET_WORDS,
  UNHINTED_SECRET_WORDS,
} from "./secret-words.js";

const VENDORS = alternation(SECRET_VENDORS);
const NAMES = alternation(SECRET_WORDS);
/** Cheap pre-check: no context regex can match a text this does not match. */
export const CONTEXT_HINT = new RegExp(
  `${alternation([...SECRET_WORDS.filter((w) => !UNHINTED_SECRET_WORDS.has(w)), ...SECRET_HINT_STEMS])}|:\\/\\/[^\\s/@]{1,64}:|curl|${VENDORS}`,
  "i",
);
const CONTEXT_NEEDLES = regexRequirement(CONTEXT_HINT);
/** Words that make {@link CONTEXT_HINT} match on their own, found by the keyword pass. */
export const CONTEXT_HINT_WORDS = SECRET_HINT_WORDS;
const CONTEXT_SURE = registerNeedles(CONTEXT_HINT_WORDS);

/** Values that are obviously placeholders, not secrets. */
const PLACEHOLDER =
  /^(?:\$\{?[\w.-]+\}?|<[^>]*>|\{\{[^}]*\}\}|%[\w.]+%?|\*+|x+|\.+|-+|_+|(?:your|my|the|some|insert|enter|put|replace|changeme|dummy|example|sample|test|fake|placeholder|redacted|null|none|undefined|true|false|password|passwd|secret|token|api[_-]?key|xxx+)[\w.-]*|[\w.-]*(?:example|placeholder|redacted|xxxx)[\w.-]*)$/i;

/** True for values that look typed by a person, not generated: runs, sequences, filler words. */
export function looksPlaceholder(secret: string): boolean {
  if (/(.)\1{5,}/.test(secret)) return true;
  let run = 1;
  for (let i = 1; i < secret.length; i++) {
    const d = secret.charCodeAt(i) - secret.charCodeAt(i - 1);
    run = d === 1 || d === -1 ? run + 1 : 1;
    if (run >= 5) return true;
  }
  if (/EXAMPLE|example|XXXXXXXX|xxxxxxxx/.test(secret)) return true;
  const words = secret.match(FILLER_WORDS);
  return words !== null && words.length >= 2;
}

const URL_CREDENTIALS =
  /\b[a-z][a-z0-9+.-]{1,20}:\/\/([^\s:@/"'`<>]{1,64}):([^\s@/"'`<>]{3,128})@[A-Za-z0-9.-]+/gi;
const CURL_HEADER =
  /\bcurl\b[^\n]{0,300}?(?:\\?\r?\n[^\n]{0,300}?){0,6}?(?:-H|--header)\s*["']?(?:[\w-]*(?:Authorization|Token|Key|Secret|Auth)[\w-]*)\s*:\s*(?:[A-Za-z-]+\s+)?([^\s"']{8,})/gi;
const CURL_USER = /\bcurl\b[^\n]{0,300}?(?:\\\r?\n[^\n]{0,300}?){0,6}\s(?:-u|--user)[\s=]*(\S+)/gi;
const AUTH_HEADER =
  /\b(?:Authorization|Proxy-Authorization)\s*["']?\s*[:=]\s*["']?(?:Bearer|Basic|Token)\s+([A-Za-z0-9._~+/=-]{16,})/gi;
const AWS_SECRET =
  /aws.{0,20}?(?:secret|private).{0,20}?["']?\s*[:=]\s*["']?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/gi;
const ASSIGNMENT = new RegExp(
  String.raw`(?:^|[^A-Za-z0-9])([A-Za-z0-9_.-]{0,30}(?:${NAMES}|(?<![a-z])(?:${VENDORS})(?![a-z]))[A-Za-z0-9_.-]{0,20})["']?[ \t]*(?::=|=>|=|:(?=[ \t"'\x60]))[ \t]*["'\x60]?([^\s"'\x60,;]{8,200})`,
  "gi",
);
const ID_LIKE_KEY =
  /(?:id|name|url|uri|file|path|length|size|type|version|format|count|csrf|xsrf|nonce|hint|field|header|prefix|expir\w*|ttl)$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// ASSIGNMENT starts at every position of the text, which makes it the costliest regex on ordinary
// prose. A match needs a secret-like word inside the run of identifier characters that ends just
// before an optional quote, spaces and a `:` or `=`. Checking that run at each `:`/`=` is a
// necessary condition, so skipping the regex when no run qualifies changes no finding.
const ASSIGNMENT_KEY = new RegExp(`${NAMES}|${VENDORS}`, "i");

function isIdentChar(code: number): boolean {
  return (
    (code >= 48 && code <= 57) ||
    (code >= 65 && code <= 90) ||
    (code >= 97 && code <= 122) ||
    code === 95 ||
    code === 46 ||
    code === 45
  );
}

/**
 * True when some `:` or `=` follows an identifier run holding a secret-like word (see ASSIGNMENT).
 * Walks from separator to separator with `indexOf` (native, much faster than a character loop on
 * prose, where separators are rare).
 */
export function assignmentPossible(text: string): boolean {
  let colon = text.indexOf(":");
  let equals = text.indexOf("=");
  while (colon >= 0 || equals >= 0) {
    let s: number;
    if (equals < 0 || (colon >= 0 && colon < equals)) {
      s = colon;
      colon = text.indexOf(":", s + 1);
    } else {
      s = equals;
      equals = text.indexOf("=", s + 1);
    }
    let end = s;
    while (end > 0 && (text.charCodeAt(end - 1) === 32 || text.charCodeAt(end - 1) === 9)) end--;
    if (end > 0 && (text.charCodeAt(end - 1) === 34 || text.charCodeAt(end - 1) === 39)) end--;
    let start = end;
    while (start > 0 && isIdentChar(text.charCodeAt(start - 1))) start--;
    if (end - start >= 3 && ASSIGNMENT_KEY.test(text.slice(start, end))) return true;
  }
  return false;
}

// Each context regex runs only when the literals it requires occur (shared keyword pass).
const CONTEXT_REQUIREMENTS = new Map<RegExp, Int32Array | undefined>(
  [URL_CREDENTIALS, CURL_HEADER, CURL_USER, AUTH_HEADER, AWS_SECRET, ASSIGNMENT].map((re) => [
    re,
    regexRequirement(re),
  ]),
);
const needed = (re: RegExp, scan: StringScan) => {
  const req = CONTEXT_REQUIREMENTS.get(re);
  return req === undefined || requirementMet(req, scan);
};

/** A generated-looking credential part: not a placeholder, some entropy, digits or symbols or long mixed case. */
function randomish(s: string): boolean {
  if (PLACEHOLDER.test(s) || looksPlaceholder(s) || shannonEntropy(s) < 2.5) return false;
  if (/^[a-z]+$/.test(s)) return false;
  return /\d/.test(s) || /[^A-Za-z0-9]/.test(s) || (s.length >= 12 && /[a-z]/.test(s) && /[A-Z]/.test(s));
}

function push(out: DetectorMatch[], kind: string, start: number, secret: string, confidence: number): void {
  out.push({ kind, start, end: start + secret.length, confidence, severity: "critical", sensitive: true });
}

function looksSecret(value: string, keyName: string): number {
  if (PLACEHOLDER.test(value) || looksPlaceholder(value) || UUID.test(value)) return 0;
  if (ID_LIKE_KEY.test(keyName) || /csrf|xsrf/i.test(keyName)) return 0;
  if (/^(?:https?:\/\/|\/|\.\/|~\/)/.test(value)) return 0;
  if (/^[a-z]+(?:[._-][a-z]+)*$/.test(value)) return 0; // a plain word or identifier
  if (/^[A-Z_]+$/.test(value) || /^\d+$/.test(value)) return 0;
  if (/^(?:[a-z]+\.)+[a-z]+\(/i.test(value) || /[()[\]{}]/.test(value)) return 0; // code, not data
  const h = shannonEntropy(value);
  const classes =
    (/[a-z]/.test(value) ? 1 : 0) +
    (/[A-Z]/.test(value) ? 1 : 0) +
    (/\d/.test(value) ? 1 : 0) +
    (/[^A-Za-z0-9]/.test(value) ? 1 : 0);
  const isPassword = /pass|pwd/i.test(keyName);
  if (isPassword) return value.length >= 8 && classes >= 2 && h >= 2.5 ? 0.6 : 0;
  if (value.length >= 16 && h >= 3.5 && classes >= 2) return h >= 4 ? 0.75 : 0.6;
  return 0;
}

/**
 * Credentials: provider tokens with a known format (cloud, VCS/CI, chat, payments, LLM
 * providers), JWTs, private key blocks, credentials in URLs and curl commands, Authorization
 * headers, and high-entropy values assigned to secret-like names.
 */
export const secretsDetector: Detector = {
  id: "secrets",
  version: "1.1.0",
  code: "agent_secret",
  defaultSeverity: "critical",
  catches:
    "About 70 provider token formats with a fixed prefix or shape (AWS, GCP, Azure AD, DigitalOcean, GitHub, GitLab, Bitbucket, Atlassian, npm, PyPI, Docker Hub, Vault, Terraform, Doppler, Databricks, Grafana, Tailscale, 1Password, Slack tokens and webhooks, Discord and Teams webhooks, Telegram bots, Stripe, Square, Shopify, SendGrid, Twilio, Facebook, OpenAI, Anthropic, Groq, Hugging Face, Perplexity, xAI, Replicate, LangSmith, …); JWTs (also base64-wrapped); PEM/OpenSSH private key blocks; PKCS#12 key stores passed as raw bytes; passwords in `scheme://user:pass@host` URLs and database connection strings; `curl -u user:pass` and `curl -H 'Authorization: …'`; Authorization headers; AWS secret keys next to an `aws…secret` name; and values with high Shannon entropy (≥ 3.5 bits/char, 16+ chars, mixed classes) or passwords (8+ chars) assigned to names like `api_key`, `secret`, `token`, `password`.",
  misses:
    "Secrets without a known prefix that are not assigned to a secret-like name (a bare 40-character random string in prose); low-entropy or dictionary passwords; secrets split across strings or lines; encoded (base64/hex) secrets other than base64 JWTs; provider formats not in the list; placeholder-looking real values (`example…`) are deliberately skipped.",
  detect(text: string, given?: StringScan): DetectorMatch[] {
    if (text.length < 8) return NO_MATCHES;
    const out = scratch;
    out.length = 0;
    const gen = stringScanFor(text, given);
    detectProviderTokens(text, gen, out);
    if (CONTEXT_NEEDLES && !requirementMet(CONTEXT_NEEDLES, gen)) return finish(out);
    if (!anyNeedleSeen(CONTEXT_SURE, gen) && !CONTEXT_HINT.test(text)) return finish(out);
    if (needed(URL_CREDENTIALS, gen))
      eachMatch(URL_CREDENTIALS, text, (m) => {
        const pass = m[2]!;
        if (PLACEHOLDER.test(pass) || /^\$|^\{|^<|^%|^\[/.test(pass) || looksPlaceholder(pass)) return;
        push(out, "secrets.url_credentials", m.index + m[0].indexOf(`:${pass}@`) + 1, pass, 0.85);
      });
    if (needed(CURL_HEADER, gen))
      eachMatch(CURL_HEADER, text, (m) => {
        const v = m[1]!;
        if (PLACEHOLDER.test(v) || /^[$<{[%]/.test(v) || !randomish(v)) return;
        push(out, "secrets.curl_auth_header", m.index + m[0].lastIndexOf(v), v, 0.85);
      });
    if (needed(CURL_USER, gen))
      eachMatch(CURL_USER, text, (m) => {
        const v = m[1]!;
        const cred = v.replace(/["'{}]/g, "");
        const colon = cred.indexOf(":");
        if (colon < 0 || /[<>[\]%]|^\$|:\$/.test(cred)) return;
        const parts = [cred.slice(0, colon), cred.slice(colon + 1)];
        if (!parts.some((p) => p.length >= 6 && randomish(p))) return;
        push(out, "secrets.curl_auth_user", m.index + m[0].lastIndexOf(v), v, 0.8);
      });
    if (needed(AUTH_HEADER, gen))
      eachMatch(AUTH_HEADER, text, (m) => {
        const v = m[1]!;
        if (PLACEHOLDER.test(v)) return;
        push(out, "secrets.authorization_header", m.index + m[0].lastIndexOf(v), v, 0.8);
      });
    if (needed(AWS_SECRET, gen))
      eachMatch(AWS_SECRET, text, (m) => {
        const v = m[1]!;
        if (shannonEntropy(v) < 3.5 || /EXAMPLE/i.test(v)) return;
        push(out, "secrets.aws_secret_access_key", m.index + m[0].lastIndexOf(v), v, 0.9);
      });
    if (needed(ASSIGNMENT, gen) && assignmentPossible(text))
      eachMatch(ASSIGNMENT, text, (m) => {
        const key = m[1]!;
        const v = m[2]!;
        const c = looksSecret(v, key);
        if (c > 0) push(out, "secrets.generic_high_entropy", m.index + m[0].lastIndexOf(v), v, c);
      });
    return finish(out);
  },
};

const scratch: DetectorMatch[] = [];

/** The detector's result: the shared empty array, or the scratch list's matches, deduplicated. */
function finish(out: DetectorMatch[]): DetectorMatch[] {
  return out.length === 0 ? NO_MATCHES : dedupe(out.splice(0));
}

/** Drops matches contained in an earlier, more specific match. */
function dedupe(list: DetectorMatch[]): DetectorMatch[] {
  if (list.length < 2) return list;
  const kept: DetectorMatch[] = [];
  for (const m of list) {
    if (!kept.some((k) => k.start <= m.start && m.end <= k.end)) kept.push(m);
  }
  return kept;
}
