import { anyNeedleSeen, registerNeedles } from "../keyword-index.js";
import { WORD_BOUNDARY } from "../literal-requirement.js";
import { eachMatch, shannonEntropy } from "../regex-util.js";
import type { DetectorMatch } from "../types.js";
import { blankPadding, exactRegex, withoutPadding } from "./secret-rule.js";
import { SECRET_RULES } from "./secret-rules.js";

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
  const words = secret.match(
    /(?:your|token|here|secret|sample|dummy|fake|placeholder|access|config|replace|insert|redacted)/gi,
  );
  return words !== null && words.length >= 2;
}

/** Each rule's regex anchored at both ends, built on first use (see `withoutPadding`). */
const EXACT: (RegExp | undefined)[] = [];

/**
 * The provider rules. A rule matches a token's prefix and minimum length, not what follows it:
 * `…xxxxxxxxxx` appended to a token is padding, trimmed before the filler check.
 */
export function detectProviderTokens(text: string, gen: number, out: DetectorMatch[]): void {
  let blanked: string | undefined;
  for (let r = 0; r < SECRET_RULES.length; r++) {
    if (!anyNeedleSeen(RULE_NEEDLES[r]!, gen)) continue;
    const rule = SECRET_RULES[r]!;
    const onMatch = (m: RegExpExecArray) => pushToken(text, r, m, out);
    eachMatch(rule.re, text, onMatch);
    if (rule.trailingBoundary) {
      blanked ??= blankPadding(text);
      if (blanked !== text) eachMatch(rule.re, blanked, onMatch);
    }
  }
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
