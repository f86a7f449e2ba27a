import { registerNeedles } from "../../keyword-index.js";
import { WORD_BOUNDARY } from "../../literal-requirement.js";
import { eachMatch, shannonEntropy } from "../../regex-util.js";
import { anyNeedleSeen, type StringScan, stringScanFor } from "../../string-scan.js";
import type { DetectorMatch } from "../../types.js";
import { blankPadding, exactRegex, type SecretRule, withoutPadding } from "./secret-rule.js";
import { SECRET_RULES } from "./secret-rules.js";
import { FILLER_WORDS } from "./secret-words.js";

// Provider rules run only when one of their needles occurs (found in the shared keyword pass,
// case-insensitively; the rule regex then checks case). A needle that begins the match and
// follows `\b` counts only at a word boundary.
const RULE_NEEDLES = SECRET_RULES.map((rule) =>
  registerNeedles(rule.needles.map((n) => (rule.needlesStartMatch ? WORD_BOUNDARY : "") + n.toLowerCase())),
);

/** True for provider tokens that are documentation fillers: `EXAMPLE`, `xxxx`, filler words, long runs of one character, ~no entropy. */
export function looksFiller(secret: string): boolean {
  if (/EXAMPLE|example|XXXXXXXX|xxxxxxxx/.test(secret)) return true;
  if (shannonEntropy(secret) < 2.6 || /(.)\1{9,}/.test(secret)) return true;
  const words = secret.match(FILLER_WORDS);
  return words !== null && words.length >= 2;
}

/** Each rule's regex anchored at both ends, built on first use (see `withoutPadding`). */
const EXACT: (RegExp | undefined)[] = [];

/**
 * The provider rules. A rule matches a token's prefix and minimum length, not what follows it:
 * `…xxxxxxxxxx` appended to a token is padding, trimmed before the filler check.
 */
export function detectProviderTokens(text: string, scan: StringScan, out: DetectorMatch[]): void {
  let blanked: string | undefined;
  for (let r = 0; r < SECRET_RULES.length; r++) {
    if (anyNeedleSeen(RULE_NEEDLES[r]!, scan)) blanked = runRule(text, r, out, blanked);
  }
}

/** Runs provider rule `r` on `text` (and on its padding-blanked copy, returned for reuse). */
function runRule(
  text: string,
  r: number,
  out: DetectorMatch[],
  blanked: string | undefined,
): string | undefined {
  const rule = SECRET_RULES[r]!;
  const onMatch = (m: RegExpExecArray) => pushToken(text, r, m, out);
  eachMatch(rule.re, text, onMatch);
  if (!rule.trailingBoundary) return blanked;
  const copy = blanked ?? blankPadding(text);
  if (copy !== text) eachMatch(rule.re, copy, onMatch);
  return copy;
}

/**
 * True when provider rule `rule` alone reports a token in `text`, run as the detector runs it:
 * needle prefilter, regex, filler, check and boundary tests (for the rule-table test).
 */
export function providerRuleMatches(rule: SecretRule, text: string): boolean {
  const r = SECRET_RULES.indexOf(rule);
  if (r < 0 || text.length < 8 || !anyNeedleSeen(RULE_NEEDLES[r]!, stringScanFor(text))) return false;
  const out: DetectorMatch[] = [];
  runRule(text, r, out, undefined);
  return out.length > 0;
}

function pushToken(text: string, r: number, m: RegExpExecArray, out: DetectorMatch[]): void {
  const rule = SECRET_RULES[r]!;
  let secret: string | undefined = m[rule.group ?? 0] ?? m[0];
  if (looksFiller(secret)) {
    if (rule.group !== undefined) return;
    EXACT[r] ??= exactRegex(rule);
    const exact = EXACT[r]!;
    secret = withoutPadding(secret, exact);
    if (secret === undefined || looksFiller(secret)) return;
  }
  if (rule.check && !rule.check(secret)) return;
  if (!rule.anywhere && m.index > 0 && /[A-Za-z0-9_.-]/.test(text[m.index - 1]!)) return;
  const start = m.index + m[0].indexOf(secret);
  out.push({
    kind: rule.kind,
    start,
    end: start + secret.length,
    confidence: rule.confidence,
    severity: rule.severity ?? "critical",
    sensitive: true,
  });
}
