import { getSec0AppConfig, resolveHop } from "../config/index.js";
import type { AppProfile, HopConfig, HopType } from "../hop-types.js";
import type { ParsedHopTarget } from "./hop-target.js";

/** A hop resolved at its first call and kept while the app profile stays the same. */
export interface LazyHop {
  /** The profile and hop for this call; `key` names the hop when the target gave none. */
  resolve(key: () => string, profile?: AppProfile): { readonly profile: AppProfile; readonly hop: HopConfig };
}

/**
 * Defers `resolveHop` to the first call (decorating a class reads no config, no key, no
 * network), then caches the hop; a new app profile (`initializeSec0App` again) resolves anew.
 */
export function lazyHop(type: HopType, target: ParsedHopTarget): LazyHop {
  let cached: { readonly profile: AppProfile; readonly hop: HopConfig } | undefined;
  return {
    resolve(key, given) {
      const profile = given ?? getSec0AppConfig();
      if (cached !== undefined && cached.profile === profile) return cached;
      const hop = resolveHop(target.key ?? key(), type, target.inline);
      cached = { profile, hop };
      return cached;
    },
  };
}
