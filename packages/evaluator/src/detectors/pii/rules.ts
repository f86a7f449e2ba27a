// Data: what each kind of the `pii` detector means, with examples (`pii.ts` finds them: its
// regexes are followed by checksums and context checks, so a kind is the unit that is documented).
import type { RuleDoc } from "../rule-doc.js";

/** A documented `pii` finding kind. */
export interface PiiRule extends RuleDoc {
  readonly kind: string;
}

/** The kinds the `pii` detector reports, each with examples that must and must not be found. */
export const PII_RULES: readonly PiiRule[] = [
  {
    id: "pii.email",
    kind: "pii.email",
    meaning: "An e-mail address.",
    matches: ["Contact jane.doe@corp.example.com for access."],
    ignores: ["Mention @jane in the channel."],
  },
  {
    id: "pii.phone",
    kind: "pii.phone",
    meaning:
      "A phone number: an international or North-American format, or a national one after a phone word.",
    matches: ["Call me at +1 415 555 0132 tomorrow.", "phone: 0490 75 40 81"],
    ignores: ["Order 0490 75 40 81 shipped."],
  },
  {
    id: "pii.ssn",
    kind: "pii.ssn",
    meaning: "A US social security number with a valid area, group and serial.",
    matches: ["SSN 123-45-6789 on file."],
    ignores: ["SSN 666-45-6789 on file."],
  },
  {
    id: "pii.credit_card",
    kind: "pii.credit_card",
    meaning: "A payment card number that passes Luhn and starts with a card-brand prefix.",
    matches: ["Card 4111 1111 1111 1111 exp 12/30"],
    ignores: ["Card 4111 1111 1111 1112 exp 12/30"],
  },
  {
    id: "pii.iban",
    kind: "pii.iban",
    meaning: "An IBAN with its country's length and a valid mod-97 checksum.",
    matches: ["Pay to DE89 3704 0044 0532 0130 00 by Friday."],
    ignores: ["Pay to DE00 3704 0044 0532 0130 00 by Friday."],
  },
  {
    id: "pii.ip_address_v4",
    kind: "pii.ip_address",
    meaning: "An IPv4 address.",
    matches: ["The server at 192.168.10.24 is down."],
    ignores: ["Upgrade to version 1.2.3 first."],
  },
  {
    id: "pii.ip_address_v6",
    kind: "pii.ip_address",
    meaning: "An IPv6 address (full or compressed).",
    matches: ["Reach the host at 2001:db8:85a3::8a2e:370:7334 today."],
    ignores: ["The meeting runs 10:30 to 11:45."],
  },
];
