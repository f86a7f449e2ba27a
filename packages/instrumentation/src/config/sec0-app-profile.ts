// The profile types `initializeSec0App` returns: hop-types.ts's AppProfile / HopConfig plus the
// 0.2.3 settings a hop or the control-plane wiring needs later.
import type { AppProfile, HopConfig, HopEnforcement } from "../hop-types.js";
import type { HopAutomationEntry } from "./hop-entry-schema.js";

/** Control-plane policy options of a hop (kept for compatibility; nothing is fetched at config time). */
export interface HopPolicyOptions {
  readonly level?: string;
  readonly scope?: string;
  readonly nodeId?: string;
  readonly refreshTtlMs?: number;
  readonly fallbackToBase?: boolean;
}

/** {@link HopEnforcement} with 0.2.3's `enabled` and `strategy`. `enabled: false` means mode `observe`. */
export interface Sec0HopEnforcement extends HopEnforcement {
  readonly enabled: boolean;
  /** `deny_on_match` (default): deny on a reason in denyOn; `deny_on_any`: deny on any reason. */
  readonly strategy: "deny_on_match" | "deny_on_any";
  readonly policy: HopPolicyOptions;
}

/** A resolved hop: {@link HopConfig} plus its type-specific settings. */
export interface Sec0HopConfig extends HopConfig {
  readonly enforcement: Sec0HopEnforcement;
  readonly automation: HopAutomationEntry;
  /** Gateway hops: sent as `x-tenant` (the hop's `tenant`, else `app.tenant`). */
  readonly tenant?: string;
  /** Gateway hops: `Authorization` of gateway calls (the hop's `authHeader`, else `Bearer <auth.svcToken>`). */
  readonly authHeader?: string;
  /** Skill hops: where the skill comes from (`source`). */
  readonly source?: string;
}

/** The app as `initializeSec0App` loaded it. */
export interface Sec0AppProfile extends AppProfile {
  readonly hops: ReadonlyMap<string, Sec0HopConfig>;
  /** `auth` as written (secrets: never log them). */
  readonly auth: { readonly svcToken?: string; readonly sec0ApiKey?: string };
  readonly controlPlane: {
    /** `controlPlane.apiBaseUrl`, else `SEC0_CONTROL_PLANE_URL`; none = local only. */
    readonly apiBaseUrl?: string;
    readonly otlpEndpoint?: string;
    /** `presign.enabled`, else true exactly when `auth.sec0ApiKey` is set (0.2.3). */
    readonly presign: boolean;
  };
  /** The absolute path of the config file, or `"<object>"` when an object was given. */
  readonly source: string;
}
