// A local identity provider on 127.0.0.1: serves a JWKS that tests can rotate or break, counts
// the JWKS requests, and signs tokens with keys made by jose's generateKeyPair.
import { replyJson, startTestServer } from "@sec0/testkit";
import { type CryptoKey, exportJWK, generateKeyPair, type JWK, type JWTPayload, SignJWT } from "jose";
import type { AuthFailureReason } from "../gateway-auth-error.js";

/** A signing key of the IdP and its public JWK (with kid, alg and use). */
export interface IdpKey {
  kid: string;
  alg: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

/** How the JWKS endpoint behaves. */
export type JwksMode = "ok" | "error" | "hang" | "not_json" | "huge";

/** The running IdP. */
export interface LocalIdp {
  issuer: string;
  jwksUri: string;
  /** JWKS requests received so far. */
  hits(): number;
  serve(keys: IdpKey[]): void;
  setMode(mode: JwksMode): void;
  close(): Promise<void>;
}

/** Makes a signing key; `alg` is a JWS algorithm name (ES256, RS256, EdDSA, PS256, ...). */
export async function createIdpKey(alg: string, kid: string): Promise<IdpKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg, use: "sig" };
  return { kid, alg, privateKey, publicJwk };
}

/** Starts the IdP, serving `keys` at `/jwks`. Close it in `afterAll`. */
export async function startLocalIdp(keys: IdpKey[]): Promise<LocalIdp> {
  const server = await startTestServer();
  let served = keys;
  let mode: JwksMode = "ok";
  let count = 0;
  server.handle((request, response) => {
    if (request.url !== "/jwks") return replyJson(response, 404, {});
    count += 1;
    if (mode === "hang") return; // never answers; the client must time out
    if (mode === "error") return replyJson(response, 500, { error: "down" });
    if (mode === "not_json") return void response.writeHead(200).end("<html>");
    if (mode === "huge") return replyJson(response, 200, { keys: [], pad: "x".repeat(600 * 1024) });
    replyJson(response, 200, { keys: served.map((key) => key.publicJwk) });
  });
  return {
    issuer: "https://idp.test",
    jwksUri: `${server.baseUrl}/jwks`,
    hits: () => count,
    serve: (next) => {
      served = next;
    },
    setMode: (next) => {
      mode = next;
    },
    close: () => server.close(),
  };
}

/** Signs a JWT with `key`; `header` overrides protected-header fields. */
export function signToken(key: IdpKey, claims: JWTPayload, header: Record<string, unknown> = {}): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: key.alg, kid: key.kid, typ: "JWT", ...header }).sign(key.privateKey);
}

/** A compact JWS with arbitrary header and payload and a garbage (or empty) signature. */
export function forgeToken(header: object, claims: object, signature = ""): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${part(header)}.${part(claims)}.${signature}`;
}

/** The refusal reason of an authentication, or `undefined` when it succeeded. */
export function reasonOf(promise: Promise<unknown>): Promise<AuthFailureReason | undefined> {
  return promise.then(
    () => undefined,
    (error: { reason?: AuthFailureReason }) => error.reason,
  );
}
