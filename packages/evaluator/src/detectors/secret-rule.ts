import type { Severity } from "@sec0/core";

/** One provider-specific secret pattern. `group` selects the secret inside the match (default 0). */
export interface SecretRule {
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
