import { describe, expect, it } from "vitest";
import { secretsDetector } from "./secrets.js";

// Deterministic random-looking token bodies (no runs, real entropy), so no test depends on a
// secret-shaped constant that scanners would flag in this repository.
let seed = 7;
function random(alphabet: string, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    out += alphabet[(seed >>> 16) % alphabet.length];
  }
  return out;
}
const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const LOWER = "abcdefghijklmnopqrstuvwxyz";
const DIGITS = "0123456789";
const ALNUM = UPPER + LOWER + DIGITS;
const URLSAFE = `${ALNUM}_-`;
const HEX = "0123456789abcdef";

const FORMATS: readonly (readonly [string, string])[] = [
  ["secrets.aws_access_key_id", `AKIA${random("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)}`],
  ["secrets.github_token", `ghp_${random(ALNUM, 36)}`],
  ["secrets.github_fine_grained_pat", `github_pat_${random(ALNUM, 22)}_${random(ALNUM, 59)}`],
  ["secrets.slack_token", `xoxb-${random(DIGITS, 12)}-${random(DIGITS, 13)}-${random(ALNUM, 24)}`],
  ["secrets.stripe_key", `sk_live_${random(ALNUM, 24)}`],
  ["secrets.gcp_api_key", `AIza${random(URLSAFE, 35)}`],
  ["secrets.openai_key", `sk-proj-${random(ALNUM, 20)}T3BlbkFJ${random(ALNUM, 20)}`],
  ["secrets.anthropic_key", `sk-ant-api03-${random(URLSAFE, 93)}AA`],
  ["secrets.npm_token", `npm_${random(ALNUM, 36)}`],
  ["secrets.groq_key", `gsk_${random(ALNUM, 52)}`],
  ["secrets.sendgrid_key", `SG.${random(URLSAFE, 22)}.${random(URLSAFE, 43)}`],
  ["secrets.gitlab_token", `glpat-${random(ALNUM, 20)}`],
  ["secrets.digitalocean_token", `dop_v1_${random(HEX, 64)}`],
  ["secrets.perplexity_key", `pplx-${random(ALNUM, 48)}`],
  ["secrets.huggingface_token", `hf_${random(UPPER + LOWER, 34)}`],
  ["secrets.jwt", `eyJ${random(ALNUM, 20)}.eyJ${random(ALNUM, 30)}.${random(URLSAFE, 43)}`],
  ["secrets.private_key", `-----BEGIN RSA PRIVATE KEY-----\nMIIEow${random(`${ALNUM}+/`, 40)}`],
];

describe("secrets followed by more word characters", () => {
  it.each(FORMATS)("finds %s with and without xxxxxxxxxx appended", (kind, secret) => {
    const plain = secretsDetector.detect(`value ${secret} end`);
    expect(plain.map((m) => m.kind)).toContain(kind);
    const padded = secretsDetector.detect(`value ${secret}xxxxxxxxxx end`);
    expect(padded.map((m) => m.kind)).toContain(kind);
    const match = padded.find((m) => m.kind === kind);
    expect(match?.start).toBe(6);
  });

  it("keeps a trailing boundary where the prefix also starts longer words", () => {
    expect(secretsDetector.detect("- (id)hf_requiredCharacteristicTypesForDisplayMetadata;")).toEqual([]);
    expect(secretsDetector.detect("https://x.notion.site/API-BD80F56CDC1441E6BF6011AB6D852875")).toEqual([]);
  });

  it("still skips documentation fillers made of the pad itself", () => {
    expect(secretsDetector.detect(`ghp_${"x".repeat(36)}`)).toEqual([]);
    expect(secretsDetector.detect("AKIAIOSFODNN7EXAMPLExxxxxxxxxx")).toEqual([]);
  });
});
