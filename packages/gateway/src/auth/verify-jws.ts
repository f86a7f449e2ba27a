import {
  type CryptoKey,
  compactVerify,
  type FlattenedJWSInput,
  type JWSHeaderParameters,
  type JWTPayload,
  jwtVerify,
} from "jose";
import { checkVerificationKey } from "./check-verification-key.js";
import { GatewayAuthError } from "./gateway-auth-error.js";
import { inspectCompactJws } from "./inspect-compact-jws.js";
import { authFailure, mapJoseError } from "./map-jose-error.js";

/** Finds the verification key for a token (a jose JWKS set: `createLocalJWKSet` / `createRemoteJWKSet`). */
export type JwsKeyResolver = (header: JWSHeaderParameters, token: FlattenedJWSInput) => Promise<CryptoKey>;

/** Claim checks that turn a JWS check into a JWT check. */
export interface JwtClaimChecks {
  issuer: string;
  audience: string | string[];
  clockToleranceSec: number;
  /** "Now" for exp / nbf. */
  currentDate: Date;
}

/** Options of {@link verifyJws}. */
export interface VerifyJwsOptions {
  algorithms: readonly string[];
  /** When set, the payload must be a JWT claims set passing these checks (and `exp` is required). */
  jwt?: JwtClaimChecks;
}

/** A verified token: its protected header, raw payload and, for JWTs, the claims. */
export interface VerifiedJws {
  header: JWSHeaderParameters;
  payload: Uint8Array;
  claims?: JWTPayload;
}

const JOSE_KEY_ERRORS = new Set([
  "ERR_JWKS_NO_MATCHING_KEY",
  "ERR_JWKS_MULTIPLE_MATCHING_KEYS",
  "ERR_JOSE_NOT_SUPPORTED",
]);

function guardResolver(resolve: JwsKeyResolver): JwsKeyResolver {
  return async (header, token) => {
    let key: CryptoKey;
    try {
      key = await resolve(header, token);
    } catch (error) {
      if (error instanceof GatewayAuthError) throw error;
      const code = (error as { code?: unknown } | null)?.code;
      if (typeof code === "string" && JOSE_KEY_ERRORS.has(code)) throw mapJoseError(error);
      // A key that matched but could not be imported (point off the curve, wrong size, ...).
      throw authFailure("key_unknown", { keyProblem: "unusable_jwk" });
    }
    await checkVerificationKey(key);
    return key;
  };
}

/**
 * Verifies a compact JWS: the pre-parse checks of {@link inspectCompactJws}, key selection through
 * `resolve` (one key must match `kid` / `alg` / `use` / `key_ops`; weak RSA keys are refused), the
 * algorithm allow-list and the signature. With `options.jwt` it verifies a JWT via jose's
 * `jwtVerify` (iss, aud, exp required, nbf, clock tolerance); without, via `compactVerify`, which is
 * the signature step `jwtVerify` itself runs.
 *
 * @throws GatewayAuthError with the reason (`token_malformed`, `signature_invalid`, `key_unknown`, ...).
 * @example
 * const { claims } = await verifyJws(token, createLocalJWKSet(jwks), { algorithms: ["ES256"], jwt: checks });
 */
export async function verifyJws(
  token: string,
  resolve: JwsKeyResolver,
  options: VerifyJwsOptions,
): Promise<VerifiedJws> {
  inspectCompactJws(token, options.algorithms, options.jwt !== undefined);
  const key = guardResolver(resolve);
  const algorithms = [...options.algorithms];
  try {
    if (options.jwt === undefined) {
      const result = await compactVerify(token, key, { algorithms });
      return { header: result.protectedHeader, payload: result.payload };
    }
    const { issuer, audience, clockToleranceSec, currentDate } = options.jwt;
    const result = await jwtVerify(token, key, {
      algorithms,
      issuer,
      audience,
      clockTolerance: clockToleranceSec,
      currentDate,
      requiredClaims: ["exp"],
    });
    const payload = new TextEncoder().encode(JSON.stringify(result.payload));
    return { header: result.protectedHeader, payload, claims: result.payload };
  } catch (error) {
    throw mapJoseError(error);
  }
}
