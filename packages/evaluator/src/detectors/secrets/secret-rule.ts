import type { Severity } from "@sec0/core";
import type { RuleDoc } from "../rule-doc.js";

/** One provider-specific secret pattern. `group` selects the secret inside the match (default 0). */
export interface SecretRule extends RuleDoc {
  readonly kind: string;
  readonly re: RegExp;
  /** Literal substrings, one of which every match contains; used to skip the rule cheaply. */
  readonly needles: readonly string[];
  readonly group?: number;
  readonly confidence: number;
  readonly severity?: Severity;
  /**
   * Every needle begins the match (the regex is `\b` then one of the needles). The detector then
   * looks for needles only at a word boundary: `SK` no longer wakes on "asked".
   */
  readonly needlesStartMatch?: boolean;
  /** Accept the match even when a word character, `.` or `-` precedes it. */
  readonly anywhere?: boolean;
  /**
   * The regex requires a boundary after the token, because its prefix also starts longer words
   * (`hf_requiredCharacteristic…`). The detector then also scans the text with runs of one
   * repeated character blanked out, so padding (`…xxxxxxxxxx`) does not hide the token.
   */
  readonly trailingBoundary?: boolean;
  /** Extra check on the secret text; false drops the match. */
  readonly check?: (secret: string) => boolean;
}

/** True when `secret` has both a digit and an ASCII letter (real tokens do; placeholders often not). */
export function hasDigitAndLetter(secret: string): boolean {
  return /\d/.test(secret) && /[A-Za-z]/.test(secret);
}

/** A Slack token long enough and with a real id part (8+ digits) or a 24-character random run. */
export function isSlackTokenBody(secret: string): boolean {
  return secret.length >= 30 && (/\d{8,}/.test(secret) || /[A-Za-z0-9]{24}/.test(secret));
}

/** True when `secret` mixes a hex letter and a digit (a random hex key, not `SK000…` or a word). */
export function hasHexLetterAndDigit(secret: string): boolean {
  return /[a-f]/i.test(secret) && /\d/.test(secret);
}

/** A trailing run of one repeated character (`xxxxxxxxxx`): padding, not part of a token. */
const TRAILING_PAD = /(.)\1{7,}$/;

/**
 * The token inside `secret` when a run of one repeated character (`…xxxxxxxxxx`) was appended to
 * it: a rule whose token has no fixed length takes the padding in, and the padded text then looks
 * like a documentation filler. Returns the longest unpadded prefix that `exact` (the rule's regex
 * anchored at both ends) accepts, or undefined when there is none.
 */
export function withoutPadding(secret: string, exact: RegExp): string | undefined {
  const pad = TRAILING_PAD.exec(secret);
  if (pad === null) return undefined;
  for (let end = pad.index + pad[0].length - 8; end >= pad.index; end--) {
    const candidate = secret.slice(0, end);
    if (exact.test(candidate)) return candidate;
  }
  return undefined;
}

const PAD_RUN = /(.)\1{7,}/g;

/** `text` with every run of 8+ identical characters replaced by as many spaces (same offsets). */
export function blankPadding(text: string): string {
  PAD_RUN.lastIndex = 0;
  return text.replace(PAD_RUN, (run) => " ".repeat(run.length));
}

/** `rule.re` anchored at both ends and without `g`, for {@link withoutPadding}. */
export function exactRegex(rule: SecretRule): RegExp {
  return new RegExp(`^(?:${rule.re.source})$`, rule.re.flags.replace("g", ""));
}
