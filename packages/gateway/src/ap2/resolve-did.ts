import { createDidCache, type DidCache } from "./did-cache.js";
import { type DidResolution, didFailure } from "./did-resolution.js";
import { didWebUrl } from "./did-web-url.js";
import { type FetchLike, fetchDidDocument } from "./fetch-did-document.js";
import { parseDidDocument } from "./parse-did-document.js";
import { resolveDidJwk } from "./resolve-did-jwk.js";
import { resolveDidKey } from "./resolve-did-key.js";

/** Options of {@link resolveDid}. */
export interface ResolveDidOptions {
  /** Shared cache; without one a process-wide default (5 minutes, 1000 DIDs) is used. */
  readonly cache?: DidCache;
  /** `fetch` for did:web; default the global one. */
  readonly fetch?: FetchLike;
  /** Deadline of a did:web fetch, headers and body; default 3000. */
  readonly timeoutMs?: number;
  /** Largest did:web document read; default 65536 bytes. */
  readonly maxDocumentBytes?: number;
  /** Fetch did:web documents over http. Tests against 127.0.0.1 only; never in production. */
  readonly allowInsecureHttp?: boolean;
}

let defaultCache: DidCache | undefined;

function sharedCache(): DidCache {
  if (defaultCache === undefined) defaultCache = createDidCache();
  return defaultCache;
}

/**
 * Resolves a `did:key` (Ed25519, P-256), `did:jwk` or `did:web` DID to the public keys it may sign
 * with. Never throws: a DID that cannot be resolved is a value saying why.
 *
 * @example
 * const resolution = await resolveDid("did:web:issuer.example", { cache: createDidCache() });
 * if (resolution.ok) console.log(resolution.methods.map((method) => method.id));
 */
export async function resolveDid(did: string, options: ResolveDidOptions = {}): Promise<DidResolution> {
  const cache = options.cache ?? sharedCache();
  const cached = cache.get(did);
  if (cached !== undefined) return cached;
  const running = cache.inflight.get(did);
  if (running !== undefined) return running;
  const pending = resolveUncached(did, options).then(
    (resolution) => {
      cache.set(did, resolution);
      return resolution;
    },
    () => didFailure(did, "fetch_failed", "The DID could not be resolved."),
  );
  cache.inflight.set(did, pending);
  try {
    return await pending;
  } finally {
    cache.inflight.delete(did);
  }
}

async function resolveUncached(did: string, options: ResolveDidOptions): Promise<DidResolution> {
  if (did.length > 4096 || !/^did:[a-z0-9]+:\S+$/.test(did)) {
    return didFailure(did, "invalid_did", "Not a DID (did:<method>:<id>).");
  }
  if (did.startsWith("did:key:")) return resolveDidKey(did);
  if (did.startsWith("did:jwk:")) return resolveDidJwk(did);
  if (!did.startsWith("did:web:")) {
    return didFailure(did, "method_not_supported", "Only did:key, did:jwk and did:web are supported.");
  }
  const url = didWebUrl(did, options.allowInsecureHttp === true);
  if (url === undefined) return didFailure(did, "invalid_did", "Malformed did:web identifier.");
  const fetched = await fetchDidDocument(url, {
    fetch: options.fetch ?? (globalThis.fetch as FetchLike),
    timeoutMs: options.timeoutMs ?? 3000,
    maxBytes: options.maxDocumentBytes ?? 65_536,
  });
  return fetched.ok ? parseDidDocument(did, fetched.text) : didFailure(did, fetched.problem, fetched.message);
}
