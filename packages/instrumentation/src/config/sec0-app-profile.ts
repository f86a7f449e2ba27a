// The profile types `initializeSec0App` returns: hop-types.ts's AppProfile / HopConfig plus the
// 0.2.3 settings a hop or the control-plane wiring needs later.
import type { AppProfile, HopConfig, HopEnforcement } from "../hop-types.js";
import type { HopAutomationEntry } from "./hop-entry-schema.js";

/**
 * Control-plane policy options of a hop (`policy_level`, `policy_scope`, `policy_node_id`,
 * `refresh_ttl_ms`, `fallback_to_base`); used only with an API key and a control-plane URL, and
 * nothing is fetched at config time.
 */
export interface HopPolicyOptions {
  /** Default `gateway` for gateway hops, else `middleware`. */
  readonly level?: "middleware" | "gateway";
  /** Default `auto`: the hop's node policy merged over the base one when the control plane has one. */
  readonly scope?: "base" | "agent" | "auto";
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
  /** Whether the hop's own config set `deny_on` / `escalate_on` (these override the control plane's). */
  readonly overrides: { readonly denyOn: boolean; readonly escalateOn: boolean };
}

/** `controlPlane.escalation`: how a hop waits for a human (the guard's wait option names). */
export interface HopEscalationSettings {
  readonly timeoutMs?: number;
  readonly pollIntervalMs?: number;
  readonly maxRetries?: number;
  readonly retryBackoffMs?: number;
  readonly ttlSeconds?: number;
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
    /** `controlPlane.timeoutMs`: per control-plane request of hops (policy, escalations); default 5000. */
    readonly timeoutMs?: number;
    /** `controlPlane.escalation`: the escalation wait of hops. */
    readonly escalation?: HopEscalationSettings;
    /** `presign.enabled`, else true exactly when `auth.sec0ApiKey` is set (0.2.3). */
    readonly presign: boolean;
  };
  /** The absolute path of the config file, or `"<object>"` when an object was given. */
  readonly source: string;
}
