import { type Clock, systemClock } from "@sec0/core";
import type { DidResolution } from "./did-resolution.js";

/** Options of {@link createDidCache}. */
export interface DidCacheOptions {
  /** How long a successful resolution is reused; default 300000 (5 minutes). */
  readonly ttlMs?: number;
  /** Most DIDs held; the oldest entry goes first. Default 1000. */
  readonly maxEntries?: number;
  readonly clock?: Clock;
}

/** A bounded, expiring store of successful DID resolutions, shared by calls to `resolveDid`. */
export interface DidCache {
  get(did: string): DidResolution | undefined;
  set(did: string, resolution: DidResolution): void;
  /** Resolutions in progress, so concurrent calls for one DID make one fetch. */
  readonly inflight: Map<string, Promise<DidResolution>>;
}

/**
 * Creates a {@link DidCache}. Only successes are stored: a failure is retried on the next call,
 * so a DID host that was briefly down does not stay unresolvable.
 *
 * @example
 * const didCache = createDidCache({ ttlMs: 60_000, maxEntries: 100 });
 */
export function createDidCache(options: DidCacheOptions = {}): DidCache {
  const ttlMs = options.ttlMs ?? 300_000;
  const maxEntries = Math.max(1, options.maxEntries ?? 1000);
  const clock = options.clock ?? systemClock;
  const entries = new Map<string, { readonly resolution: DidResolution; readonly expiresAt: number }>();
  return {
    inflight: new Map(),
    get(did) {
      const entry = entries.get(did);
      if (entry === undefined) return undefined;
      if (entry.expiresAt > clock.now()) return entry.resolution;
      entries.delete(did);
      return undefined;
    },
    set(did, resolution) {
      if (!resolution.ok || ttlMs <= 0) return;
      entries.delete(did);
      while (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string);
      entries.set(did, { resolution, expiresAt: clock.now() + ttlMs });
    },
  };
}
