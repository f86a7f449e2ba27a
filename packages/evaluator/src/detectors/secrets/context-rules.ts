// Data: what each context kind of the `secrets` detector means, with examples (`secrets.ts` finds
// them: a regex for the shape, then placeholder and entropy checks on the value).
import type { RuleDoc } from "../rule-doc.js";

/** A documented context finding kind of the `secrets` detector. */
export interface SecretContextRule extends RuleDoc {
  readonly kind: string;
}

/** The kinds the secrets detector reports from context (not from a provider's token format). */
export const SECRET_CONTEXT_RULES: readonly SecretContextRule[] = [
  {
    id: "secrets.url_credentials",
    kind: "secrets.url_credentials",
    meaning: "A password inside a `scheme://user:pass@host` URL or connection string.",
    matches: ["DATABASE_URL=postgres://app:Zq8rT2vLx9@db.internal:5432/app"],
    ignores: ["DATABASE_URL=postgres://app:${DB_PASSWORD}@db.internal:5432/app"],
  },
  {
    id: "secrets.curl_auth_header",
    kind: "secrets.curl_auth_header",
    meaning: "A credential passed to curl in an Authorization, token or key header.",
    matches: ["curl -H 'Authorization: Bearer 9fJk2LmQ7xRt4VbN8sWz' https://api.example.com/v1/items"],
    ignores: ["curl -H 'Authorization: Bearer $TOKEN' https://api.example.com/v1/items"],
  },
  {
    id: "secrets.curl_auth_user",
    kind: "secrets.curl_auth_user",
    meaning: "A user:password pair passed to `curl -u`.",
    matches: ["curl -u admin:Xk29fLq7Wz https://ci.example.com/api/json"],
    ignores: ["curl -u admin:$PASSWORD https://ci.example.com/api/json"],
  },
  {
    id: "secrets.authorization_header",
    kind: "secrets.authorization_header",
    meaning: "A Bearer, Basic or Token credential in an Authorization header.",
    matches: ["Authorization: Bearer eyZ0aXAiOiJKV1QiLCJhbGciOi9xQ2"],
    ignores: ["Authorization: Bearer <your-token-here>"],
  },
  {
    id: "secrets.aws_secret_access_key",
    kind: "secrets.aws_secret_access_key",
    meaning: "A 40-character AWS secret access key next to an `aws…secret` name.",
    matches: ["aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYzQ8kL3mN2p"],
    ignores: ["aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"],
  },
  {
    id: "secrets.generic_high_entropy",
    kind: "secrets.generic_high_entropy",
    meaning: "A random-looking value or a password assigned to a secret-like name (`api_key`, `token`, …).",
    matches: ['config: TOKEN = "q8Z2kLw9Xv4Rb7Tn1Mp3"'],
    ignores: ['config: TOKEN = "changeme"'],
  },
];
