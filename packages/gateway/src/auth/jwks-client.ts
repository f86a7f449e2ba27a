import { readBodyLimited } from "@sec0/core";
import { createRemoteJWKSet, customFetch } from "jose";
import { authFailure } from "./map-jose-error.js";
import type { JwsKeyResolver } from "./verify-jws.js";

/** Readiness of an authenticator, for `/readyz`. */
export interface AuthReadiness {
  ok: boolean;
  detail?: string;
}

/** One cached JWKS per authenticator: a key resolver plus readiness and shutdown. */
export interface JwksClient {
  getKey: JwsKeyResolver;
  ready(): Promise<AuthReadiness>;
  close(): void;
}

/** Options of {@link createJwksClient}. */
export interface JwksClientOptions {
  url: URL;
  fetch: typeof fetch;
  timeoutMs: number;
  cooldownMs: number;
}

/** Largest JWKS document accepted, in bytes; an identity provider's set is a few KiB. */
const MAX_JWKS_BYTES = 512 * 1024;
const UNAVAILABLE_CODES = new Set(["ERR_JWKS_TIMEOUT", "ERR_JWKS_INVALID", "ERR_JOSE_GENERIC"]);

/** A failed JWKS download; `message` names the problem, never a URL query or a key. */
class JwksFetchError extends Error {
  override name = "JwksFetchError";
}

async function readBounded(response: Response): Promise<Uint8Array> {
  const body = await readBodyLimited(response, MAX_JWKS_BYTES);
  if (!body.ok) throw new JwksFetchError("JWKS response is too large");
  return body.bytes;
}

function createBoundedFetch(fetchImpl: typeof fetch, closed: AbortSignal) {
  return async (
    url: string,
    init: { headers: Headers; method: "GET"; redirect: "manual"; signal: AbortSignal },
  ) => {
    const signal = AbortSignal.any([init.signal, closed]);
    let response: Response;
    try {
      response = await fetchImpl(url, { ...init, signal });
    } catch (error) {
      if (closed.aborted) throw new JwksFetchError("authenticator is closed");
      if (init.signal.aborted) throw new JwksFetchError("JWKS request timed out");
      throw new JwksFetchError(`JWKS request failed (${(error as Error | null)?.name ?? "error"})`);
    }
    if (response.status !== 200) {
      await response.body?.cancel().catch(() => undefined);
      throw new JwksFetchError(`JWKS answered HTTP ${response.status}`);
    }
    const body = await readBounded(response).catch((error: unknown) => {
      throw error instanceof JwksFetchError ? error : new JwksFetchError("JWKS response could not be read");
    });
    return new Response(body, { status: 200, headers: { "content-type": "application/json" } });
  };
}

function describeFailure(error: unknown): string {
  if (error instanceof JwksFetchError) return error.message;
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "ERR_JWKS_TIMEOUT") return "JWKS request timed out";
  if (code === "ERR_JWKS_INVALID") return "JWKS document is not a valid key set";
  return "JWKS response is not JSON";
}

function isUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof JwksFetchError || (typeof code === "string" && UNAVAILABLE_CODES.has(code));
}

/**
 * Creates the one JWKS cache of an authenticator on jose's `createRemoteJWKSet`: fetched on first
 * use, kept for 10 minutes, refetched on an unknown `kid` at most once per `cooldownMs`, each fetch
 * bounded by `timeoutMs` and 512 KiB, redirects refused.
 *
 * @throws GatewayAuthError `jwks_unavailable` (retryable) from `getKey` when the set cannot be fetched.
 * @example
 * const jwks = createJwksClient({ url: new URL("https://idp.example/jwks"), fetch, timeoutMs: 5000, cooldownMs: 10000 });
 */
export function createJwksClient(options: JwksClientOptions): JwksClient {
  const closer = new AbortController();
  const remote = createRemoteJWKSet(options.url, {
    timeoutDuration: Math.ceil(options.timeoutMs),
    cooldownDuration: options.cooldownMs,
    [customFetch]: createBoundedFetch(options.fetch, closer.signal),
  });
  const getKey: JwsKeyResolver = async (header, token) => {
    if (closer.signal.aborted)
      throw authFailure("jwks_unavailable", { jwksProblem: "authenticator is closed" });
    try {
      return await remote(header, token);
    } catch (error) {
      if (isUnavailable(error))
        throw authFailure("jwks_unavailable", { jwksProblem: describeFailure(error) });
      throw error;
    }
  };
  const ready = async (): Promise<AuthReadiness> => {
    if (closer.signal.aborted) return { ok: false, detail: "authenticator is closed" };
    if (remote.fresh) return { ok: true };
    try {
      await remote.reload();
      return { ok: true };
    } catch (error) {
      return { ok: false, detail: `jwks_unavailable: ${describeFailure(error)}` };
    }
  };
  return { getKey, ready, close: () => closer.abort() };
}
