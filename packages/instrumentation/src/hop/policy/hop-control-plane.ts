// Whether a profile's hops take their policy from the control plane, and how to reach it.
import { ESCALATION_WAIT_DEFAULTS } from "@sec0/guard";
import type { Sec0AppProfile } from "../../config/index.js";
import type { AppProfile } from "../../hop-types.js";
import { createBoundedFetch } from "./bounded-fetch.js";

/** The escalation wait of hops, every default applied. */
export interface HopEscalationWait {
  readonly timeoutMs: number;
  readonly pollIntervalMs: number;
  readonly maxRetries: number;
  readonly retryBackoffMs: number;
  readonly ttlSeconds: number;
}

/** How hops reach the control plane. The key is a secret: never log this object. */
export interface HopControlPlane {
  readonly baseUrl: string;
  readonly apiKey: string;
  /** Per request (`controlPlane.timeoutMs`, default 5000 ms). */
  readonly timeoutMs: number;
  readonly escalation: HopEscalationWait;
  /** `fetch` that refuses oversized replies and unexpected content types. */
  readonly fetch: typeof fetch;
}

/** Default of `controlPlane.timeoutMs` (the guard's remote policy default). */
export const HOP_CONTROL_PLANE_TIMEOUT_MS = 5000;

const cache = new WeakMap<AppProfile, HopControlPlane | null>();

/**
 * The control plane of `profile`'s hops: set exactly when the profile has `auth.sec0ApiKey` and a
 * control-plane URL (`controlPlane.apiBaseUrl` or `SEC0_CONTROL_PLANE_URL`); else `undefined`,
 * and hops decide from their own config only (an escalation is then a deny).
 *
 * @example
 * hopControlPlaneOf(getSec0AppConfig())?.baseUrl; // "https://api.sec0.ai"
 */
export function hopControlPlaneOf(profile: AppProfile): HopControlPlane | undefined {
  const known = cache.get(profile);
  if (known !== undefined) return known ?? undefined;
  const full = profile as Partial<Sec0AppProfile>;
  const apiKey = full.auth?.sec0ApiKey?.trim();
  const baseUrl = full.controlPlane?.apiBaseUrl;
  const resolved =
    apiKey === undefined || apiKey === "" || baseUrl === undefined
      ? null
      : Object.freeze({
          baseUrl,
          apiKey,
          timeoutMs: full.controlPlane?.timeoutMs ?? HOP_CONTROL_PLANE_TIMEOUT_MS,
          escalation: Object.freeze({
            ...ESCALATION_WAIT_DEFAULTS,
            ttlSeconds: 3600,
            ...full.controlPlane?.escalation,
          }),
          fetch: createBoundedFetch(),
        });
  cache.set(profile, resolved);
  return resolved ?? undefined;
}
