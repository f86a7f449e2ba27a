// The raw `app.hops` entries behind a profile, kept so an inline override can be re-validated
// against the registry entry it overrides.
import type { HopDefaults } from "./build-hop-config.js";
import type { Sec0AppProfile } from "./sec0-app-profile.js";

/** A profile's raw hop entries (as written) and the defaults its hops were built with. */
export interface HopSources {
  readonly entries: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly defaults: HopDefaults;
}

const sources = new WeakMap<Sec0AppProfile, HopSources>();

/** Records where `profile`'s hops came from (called by `buildAppProfile`). */
export function rememberHopSources(profile: Sec0AppProfile, hopSources: HopSources): void {
  sources.set(profile, hopSources);
}

/** The raw entries and defaults of `profile` (empty for a profile not built by `buildAppProfile`). */
export function hopSourcesOf(profile: Sec0AppProfile): HopSources {
  return (
    sources.get(profile) ?? {
      entries: {},
      defaults: {
        source: { name: profile.source },
        tenant: profile.tenant,
        client: profile.client,
        orchestratorGatewayUrls: [],
      },
    }
  );
}
