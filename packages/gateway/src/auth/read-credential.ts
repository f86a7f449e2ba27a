import { MAX_CREDENTIAL_LENGTH } from "./authenticator-options.js";
import { GatewayAuthError } from "./gateway-auth-error.js";

/** Request headers as Node and Fastify present them (lower-case names). */
export type RequestHeaders = Readonly<Record<string, string | string[] | undefined>>;

/** The credential a request presents, not yet verified. */
export type Credential =
  | { kind: "bearer"; token: string }
  | { kind: "api_key"; key: string }
  | { kind: "none" };

// RFC 7235 / 6750: one scheme, exactly one space, then a token68 of visible ASCII.
const BEARER = /^bearer ([\x21-\x7e]+)$/i;
const VISIBLE_ASCII = /^[\x21-\x7e]+$/;

function singleValue(headers: RequestHeaders, name: string): string | undefined {
  const value = headers[name];
  if (value === undefined) return undefined;
  if (Array.isArray(value)) {
    if (value.length === 1) return value[0];
    throw new GatewayAuthError("token_malformed", `Send the ${name} header once.`, {
      details: { header: name },
    });
  }
  return value;
}

function checkLength(value: string, header: string, prefixLength: number): void {
  if (value.length > MAX_CREDENTIAL_LENGTH + prefixLength) {
    throw new GatewayAuthError(
      "token_malformed",
      `The ${header} credential is longer than ${MAX_CREDENTIAL_LENGTH} characters.`,
      {
        details: { header, limit: MAX_CREDENTIAL_LENGTH },
      },
    );
  }
}

function readAuthorization(value: string): string {
  checkLength(value, "authorization", "Bearer ".length);
  const match = BEARER.exec(value);
  if (match?.[1] === undefined) {
    throw new GatewayAuthError(
      "token_malformed",
      'The authorization header must be "Bearer <token>" (one space, visible ASCII only).',
      { details: { header: "authorization" } },
    );
  }
  return match[1];
}

function readApiKey(value: string): string {
  checkLength(value, "x-api-key", 0);
  if (!VISIBLE_ASCII.test(value)) {
    throw new GatewayAuthError(
      "token_malformed",
      "The x-api-key header must be visible ASCII without spaces.",
      {
        details: { header: "x-api-key" },
      },
    );
  }
  return value;
}

/**
 * Reads the one credential a request carries: `Authorization: Bearer <token>` or `x-api-key`.
 * Both at once is refused, since which one wins would be a guess.
 *
 * @throws GatewayAuthError `token_malformed` for a bad scheme, spacing, non-ASCII, an oversized value,
 *   a repeated header, or two credentials.
 * @example
 * const credential = readCredential({ authorization: "Bearer eyJ..." });
 */
export function readCredential(headers: RequestHeaders): Credential {
  const authorization = singleValue(headers, "authorization");
  const apiKey = singleValue(headers, "x-api-key");
  if (authorization !== undefined && apiKey !== undefined) {
    throw new GatewayAuthError(
      "token_malformed",
      "Send either an authorization header or x-api-key, not both.",
    );
  }
  if (authorization !== undefined) return { kind: "bearer", token: readAuthorization(authorization) };
  if (apiKey !== undefined) return { kind: "api_key", key: readApiKey(apiKey) };
  return { kind: "none" };
}

/**
 * The `x-tenant` header, when the request sends one.
 *
 * @throws GatewayAuthError `tenant_mismatch` when the header is repeated with different values.
 * @example
 * const requested = readRequestedTenant({ "x-tenant": "acme" }); // "acme"
 */
export function readRequestedTenant(headers: RequestHeaders): string | undefined {
  const value = headers["x-tenant"];
  if (!Array.isArray(value)) return value;
  const distinct = new Set(value);
  if (distinct.size > 1) {
    throw new GatewayAuthError(
      "tenant_mismatch",
      "The x-tenant header is repeated with different values; send it once.",
    );
  }
  return value[0];
}
