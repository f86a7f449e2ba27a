import { sha256Hex } from "../hash.js";
import { type AuthContext, AuthContextSchema } from "./auth-context.js";

/** The `x-auth-context` identity context (core's `AuthContext`). */
export type IdentityContext = AuthContext;

/** What a caller knows about the user it acts for. */
export interface IdentityInput {
  /** An `Authorization` value (`Bearer <token>`); its token is hashed, JWT claims copied unverified. */
  readonly authorization?: string | undefined;
  readonly tenant?: string | undefined;
  readonly roles?: readonly string[] | undefined;
  /** A plain user id; only its SHA-256 leaves the process. */
  readonly userId?: string | undefined;
  /** A user hash the caller computed itself. */
  readonly userHash?: string | undefined;
  /** A signed assertion (JWS) or JSON object naming the user (`user_hash` or `sub`). */
  readonly assertion?: string | undefined;
}

/** Longest `x-auth-context` value accepted by {@link parseIdentityContextHeader}. */
const MAX_HEADER_LENGTH = 8192;

/**
 * Builds the identity context with 0.2.3's precedence: `userHash` (scheme `prehashed`), then an
 * `assertion` (`assertion`; its `user_hash`, else sha256 of `sub`), then `userId` (hashed,
 * `prehashed`), then `authorization` (`bearer`, token hash, unverified JWT claims), else `none`.
 *
 * @example
 * buildIdentityContext({ authorization: "Bearer abc", tenant: "acme" });
 * // { scheme: "bearer", tenant: "acme", token_sha256: "ba7816bf…" }
 */
export function buildIdentityContext(input: IdentityInput): IdentityContext {
  const common = {
    ...(nonEmpty(input.tenant) === undefined ? {} : { tenant: input.tenant }),
    ...(input.roles === undefined ? {} : { roles: [...input.roles] }),
  };
  const userHash = nonEmpty(input.userHash);
  if (userHash !== undefined) return { scheme: "prehashed", user_hash: userHash, ...common };
  const claims = input.assertion === undefined ? undefined : decodeClaims(input.assertion.trim());
  if (claims !== undefined) {
    const hash =
      typeof claims.user_hash === "string" && claims.user_hash.length > 0
        ? claims.user_hash
        : typeof claims.sub === "string" && claims.sub.length > 0
          ? sha256Hex(claims.sub)
          : undefined;
    if (hash !== undefined) {
      const tenant = common.tenant ?? (typeof claims.tenant === "string" ? claims.tenant : undefined);
      return { scheme: "assertion", user_hash: hash, ...common, ...(tenant === undefined ? {} : { tenant }) };
    }
  }
  const userId = nonEmpty(input.userId);
  if (userId !== undefined) return { scheme: "prehashed", user_hash: sha256Hex(userId), ...common };
  const token = bearerToken(input.authorization);
  if (token !== undefined) {
    const jwt = pickJwtClaims(decodeClaims(token));
    return {
      scheme: "bearer",
      ...(jwt?.sub === undefined ? {} : { user_hash: sha256Hex(jwt.sub) }),
      ...common,
      token_sha256: sha256Hex(token),
      ...(jwt === undefined ? {} : { jwt }),
    };
  }
  return { scheme: "none", ...common };
}

/**
 * Encodes an identity context as the `x-auth-context` header value (JSON).
 *
 * @example
 * encodeIdentityContextHeader({ scheme: "none" }); // '{"scheme":"none"}'
 */
export function encodeIdentityContextHeader(context: IdentityContext): string {
  return JSON.stringify(context);
}

/**
 * Parses an `x-auth-context` header value; `undefined` when it is absent, too long, not JSON or not
 * an identity context (the header is informational, so a bad one is ignored, never fatal).
 *
 * @example
 * parseIdentityContextHeader('{"scheme":"bearer","token_sha256":"ab"}')?.scheme; // "bearer"
 */
export function parseIdentityContextHeader(value: string | undefined): IdentityContext | undefined {
  if (value === undefined || value.length === 0 || value.length > MAX_HEADER_LENGTH) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return undefined;
  }
  const result = AuthContextSchema.safeParse(parsed);
  return result.success ? result.data : undefined;
}

function bearerToken(authorization: string | undefined): string | undefined {
  const value = authorization?.trim();
  if (value === undefined || value.length === 0) return undefined;
  const match = /^(\S+)\s+(.+)$/.exec(value);
  return nonEmpty(match === null ? value : match[2]!.trim());
}

/** Claims of a JWS/JWT (its payload, unverified) or of a JSON object text. */
function decodeClaims(text: string): Record<string, unknown> | undefined {
  try {
    const parts = text.split(".");
    const json = parts.length === 3 ? Buffer.from(parts[1]!, "base64url").toString("utf8") : text;
    const value: unknown = JSON.parse(json);
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function pickJwtClaims(claims: Record<string, unknown> | undefined): IdentityContext["jwt"] | undefined {
  if (claims === undefined) return undefined;
  const jwt: NonNullable<IdentityContext["jwt"]> = {};
  for (const key of ["sub", "iss", "email", "tenant"] as const) {
    if (typeof claims[key] === "string") jwt[key] = claims[key];
  }
  for (const key of ["exp", "iat"] as const) {
    if (typeof claims[key] === "number" && Number.isFinite(claims[key])) jwt[key] = claims[key];
  }
  const aud = claims.aud;
  if (typeof aud === "string" || (Array.isArray(aud) && aud.every((item) => typeof item === "string"))) {
    jwt.aud = aud as string | string[];
  }
  return Object.keys(jwt).length === 0 ? undefined : jwt;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.length === 0 ? undefined : value;
}
