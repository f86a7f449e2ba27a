import { ibanValid, luhnValid } from "../../checksums.js";
import { eachMatch } from "../../regex-util.js";
import type { StringScan } from "../../string-scan.js";
import type { Detector, DetectorMatch } from "../../types.js";
import { NO_MATCHES } from "../rule-set.js";
import {
  DIGIT_DOT_DIGIT,
  DIGIT_RUN,
  digitHints,
  eachEmailMatch,
  hasThreeHexGroups,
  LETTERS_DIGITS,
} from "./pii-scan.js";

/** Reference pattern (exported for the equivalence tests of the fast path). */
export const EMAIL =
  /(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![A-Za-z0-9-])/g;
// Digit runs with phone/card/SSN separators; classified after matching.
/** Reference pattern (exported for the equivalence tests of the fast path). */
export const DIGITS =
  /(?<![\w.+/-])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,5}\)[ .-]?)?\d[\d .()-]{5,26}\d(?:[ ]?(?:x|ext\.?|#)[ ]?\d{1,6})?(?![\w/])/g;
const scratch: DetectorMatch[] = [];
const EMAIL_AT = new RegExp(EMAIL.source, "y");
/** Reference pattern (exported for the equivalence tests of the fast path). */
export const IPV4 =
  /(?<![\d.])(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}(?![\d]|\.\d)/g;
const IPV6 =
  /(?<![0-9A-Fa-f:])(?:[0-9A-Fa-f]{1,4}:){2,7}(?::|[0-9A-Fa-f]{1,4})(?:::?[0-9A-Fa-f]{1,4}){0,6}(?![0-9A-Fa-f:])/g;
const IBAN =
  /(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]{4}){2,7}(?: ?[A-Za-z0-9]{1,4})?(?![A-Za-z0-9])/g;

const SSN_SHAPE = /^\d{3}([- ])\d{2}\1\d{4}$/;
const DATE_SHAPE = /^(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4})$/;
const STRONG_PHONE =
  /^(?:\+\d{1,3}[ .-]?(?:\(\d{1,4}\)[ .-]?)?\d|\(\d{3}\) ?\d{3}-\d{4}$|\d{3}[-.]\d{3}[-.]\d{4}(?:\s?(?:x|ext\.?)\s?\d+)?$)/;
const PHONE_CONTEXT =
  /(?:phone|tel(?:ephone)?|mobile|cell|fax|desk|call(?:ed)?|contact|reach|text|sms|whatsapp|dial|number|messages? to|answering at|registered|hotline|ph|mob)\b[^\d]{0,24}$/i;
const PHONE_AFTER = /^[\s-]{0,2}\(?(?:office|fax|mobile|phone|cell|home|work|tel)\b/i;
const SSN_CONTEXT = /(?:ssn|social security|social sec|tax ?id|taxpayer)[^\n\d]{0,24}$/i;
const CARD_CONTEXT = /(?:card|cc|visa|mastercard|amex|credit|debit|payment)[^\n\d]{0,24}$/i;
const CARD_PREFIX = /^(?:4|5[0-8]|2[2-7]|3[0-9]|6|1800|2131)/;

function classifyDigits(text: string, m: RegExpExecArray, out: DetectorMatch[]): void {
  let raw = m[0];
  let start = m.index;
  // Trim a trailing ")" or "(" that belongs to prose.
  while (raw.length > 0 && /[ (.-]$/.test(raw)) raw = raw.slice(0, -1);
  if (raw.startsWith("(") && !/^\(\d{1,5}\)/.test(raw)) {
    raw = raw.slice(1);
    start++;
  }
  const end = start + raw.length;
  const digits = raw.replace(/\D/g, "");
  const n = digits.length;
  if (n < 7 || DATE_SHAPE.test(raw)) return;
  if (/^\d{1,3}(?:\.\d{1,3}){3}$/.test(raw)) return; // IPv4, handled elsewhere
  const before = text.slice(Math.max(0, start - 40), start);
  if (SSN_SHAPE.test(raw) || (n === 9 && /^\d{9}$/.test(raw) && SSN_CONTEXT.test(before))) {
    const area = Number(digits.slice(0, 3));
    const group = digits.slice(3, 5);
    const serial = digits.slice(5);
    if (area !== 0 && area !== 666 && area < 900 && group !== "00" && serial !== "0000") {
      out.push({ kind: "pii.ssn", start, end, confidence: 0.85, severity: "high", sensitive: true });
      return;
    }
  }
  const cardShape =
    /^\d{12,19}$/.test(raw) ||
    /^\d{4}(?:[ -]\d{4}){2,3}(?:[ -]\d{1,3})?$/.test(raw) ||
    /^\d{4}[ -]\d{6}[ -]\d{5}$/.test(raw);
  if (
    cardShape &&
    n >= 12 &&
    n <= 19 &&
    luhnValid(digits) &&
    (CARD_PREFIX.test(digits) || CARD_CONTEXT.test(before))
  ) {
    out.push({
      kind: "pii.credit_card",
      start,
      end,
      confidence: n >= 13 ? 0.9 : 0.75,
      severity: "high",
      sensitive: true,
    });
    return;
  }
  if (n > 15) return;
  const hasSeparator = /[ .()-]/.test(raw) || raw.startsWith("+");
  const context = PHONE_CONTEXT.test(before) || PHONE_AFTER.test(text.slice(end, end + 12));
  if (STRONG_PHONE.test(raw) && n >= 10) {
    out.push({ kind: "pii.phone", start, end, confidence: context ? 0.9 : 0.7, sensitive: true });
  } else if (context && (hasSeparator || n >= 9)) {
    out.push({ kind: "pii.phone", start, end, confidence: 0.6, sensitive: true });
  }
}

/**
 * Personal data: e-mail addresses, phone numbers (strong formats anywhere, looser formats after a
 * phone word), US SSNs (area/group/serial rules), payment cards (Luhn + brand prefix), IBANs
 * (country length + mod-97) and IPv4/IPv6 addresses.
 */
export const piiDetector: Detector = {
  id: "pii",
  version: "1.0.0",
  code: "agent_pii",
  defaultSeverity: "medium",
  catches:
    "E-mail addresses; phone numbers in international (+CC), North-American and dotted formats anywhere, and shorter national formats (e.g. `0490 75 40 81`, `451 5986`) when a phone word precedes them; US SSNs `ddd-dd-dddd` with invalid areas (000, 666, 9xx) rejected, or 9 digits after `SSN`; payment card numbers of 12–19 digits that pass Luhn and start with a card-brand prefix (or follow a card word); IBANs with a registered country length and a valid mod-97 checksum (any case, spaces allowed); IPv4 and IPv6 addresses.",
  misses:
    "Names, postal addresses, dates of birth, passport and driver-licence numbers (no NER model); phone numbers written with words or unusual separators, short local numbers without a phone word nearby; SSNs without dashes and without an SSN word; card numbers split across lines; IPv6 in rare compressed forms; private vs public IP ranges are not distinguished.",
  detect(text: string, scan?: StringScan): DetectorMatch[] {
    if (text.length < 5) return NO_MATCHES;
    const out = scratch;
    out.length = 0;
    if (text.includes("@")) {
      eachEmailMatch(EMAIL_AT, text, (m) => {
        out.push({
          kind: "pii.email",
          start: m.index,
          end: m.index + m[0].length,
          confidence: 0.95,
          sensitive: true,
        });
      });
    }
    // The scan's one pass over the string computed the hints; a lone call computes them alone.
    const hints = scan !== undefined && scan.text === text ? scan.digitHints : digitHints(text);
    if ((hints & DIGIT_RUN) !== 0) eachMatch(DIGITS, text, (m) => classifyDigits(text, m, out));
    if ((hints & DIGIT_DOT_DIGIT) !== 0) {
      eachMatch(IPV4, text, (m) => {
        out.push({
          kind: "pii.ip_address",
          start: m.index,
          end: m.index + m[0].length,
          confidence: 0.8,
          severity: "low",
        });
      });
    }
    if (text.includes(":") && (text.includes("::") || hasThreeHexGroups(text))) {
      eachMatch(IPV6, text, (m) => {
        if (/[A-Fa-f]/.test(m[0]) || m[0].includes("::") || m[0].split(":").length >= 6) {
          if (!/^\d{1,2}:\d{2}(?::\d{2})?$/.test(m[0]))
            out.push({
              kind: "pii.ip_address",
              start: m.index,
              end: m.index + m[0].length,
              confidence: 0.75,
              severity: "low",
            });
        }
      });
    }
    if ((hints & LETTERS_DIGITS) !== 0) {
      eachMatch(IBAN, text, (m) => {
        if (ibanValid(m[0]))
          out.push({
            kind: "pii.iban",
            start: m.index,
            end: m.index + m[0].length,
            confidence: 0.95,
            severity: "high",
            sensitive: true,
          });
      });
    }
    // A fresh array only when something matched; the scratch list is reused.
    return out.length === 0 ? NO_MATCHES : out.splice(0);
  },
};
