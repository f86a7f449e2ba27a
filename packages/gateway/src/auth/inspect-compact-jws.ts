import { MAX_CREDENTIAL_LENGTH } from "./authenticator-options.js";
import { GatewayAuthError } from "./gateway-auth-error.js";

const BASE64URL = /^[A-Za-z0-9_-]*$/;
// RFC 7519 §5.1 and RFC 9068 §2.1: the typ values an access token may carry.
const JWT_TYPES = new Set(["jwt", "application/jwt", "at+jwt", "application/at+jwt"]);

function malformed(message: string, details?: Record<string, unknown>): GatewayAuthError {
  return new GatewayAuthError("token_malformed", message, details === undefined ? undefined : { details });
}

function isCanonicalBase64url(segment: string): boolean {
  // Rejects padding, stray characters and non-zero unused bits: one token, one encoding.
  return BASE64URL.test(segment) && Buffer.from(segment, "base64url").toString("base64url") === segment;
}

function parseHeader(segment: string): Record<string, unknown> {
  let header: unknown;
  try {
    header = JSON.parse(Buffer.from(segment, "base64url").toString("utf8"));
  } catch {
    throw malformed("The token header is not JSON.");
  }
  if (header === null || typeof header !== "object" || Array.isArray(header)) {
    throw malformed("The token header is not a JSON object.");
  }
  return header as Record<string, unknown>;
}

function checkAlgorithm(alg: unknown, algorithms: readonly string[]): void {
  if (typeof alg !== "string" || alg === "") throw malformed('The token header has no "alg".');
  if (alg.toLowerCase() === "none" || !algorithms.includes(alg)) {
    throw new GatewayAuthError(
      "algorithm_not_allowed",
      `The token algorithm is not allowed; accepted: ${algorithms.join(", ")}.`,
      {
        details: { alg: alg.slice(0, 16) },
      },
    );
  }
}

/**
 * Checks a compact JWS before any cryptography: size (8 KiB), three canonical base64url segments,
 * a JSON-object header, an allowed `alg` (never `none`), and no `crit` / `b64` extensions. With
 * `isJwt`, also a non-empty payload and a JWT-like `typ` when one is present.
 *
 * @throws GatewayAuthError `token_malformed` or `algorithm_not_allowed`.
 * @example
 * const header = inspectCompactJws(token, ["ES256"], true);
 */
export function inspectCompactJws(
  token: string,
  algorithms: readonly string[],
  isJwt: boolean,
): Record<string, unknown> {
  if (token.length > MAX_CREDENTIAL_LENGTH) {
    throw malformed(`The token is longer than ${MAX_CREDENTIAL_LENGTH} characters.`, {
      limit: MAX_CREDENTIAL_LENGTH,
    });
  }
  const segments = token.split(".");
  if (segments.length !== 3) throw malformed("The token is not a compact JWS (three dot-separated parts).");
  const [headerPart = "", payloadPart = "", signaturePart = ""] = segments;
  if (!segments.every(isCanonicalBase64url)) throw malformed("The token is not canonical base64url.");
  const header = parseHeader(headerPart);
  checkAlgorithm(header.alg, algorithms);
  if (signaturePart === "" || (isJwt && payloadPart === ""))
    throw malformed("The token has an empty payload or signature.");
  if ("crit" in header || "b64" in header)
    throw malformed("Tokens with critical or b64 header extensions are refused.");
  if (isJwt && header.typ !== undefined) {
    if (typeof header.typ !== "string" || !JWT_TYPES.has(header.typ.toLowerCase())) {
      throw malformed('The token "typ" is not a JWT type (JWT or at+jwt).');
    }
  }
  return header;
}

/** True when `value` has the shape of a compact JWS (three base64url parts), so it is not an API key. */
export function looksLikeCompactJws(value: string): boolean {
  const segments = value.split(".");
  return segments.length === 3 && segments[0] !== "" && segments.every((segment) => BASE64URL.test(segment));
}
