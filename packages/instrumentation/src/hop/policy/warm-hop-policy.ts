// Fetches the control-plane policy of hops ahead of their first call (for sync methods).
import type { Clock } from "@sec0/core";
import { getSec0AppConfig } from "../../config/index.js";
import type { AppProfile } from "../../hop-types.js";
import { errorCodesOf } from "./error-codes-of.js";
import { hopControlPlaneOf } from "./hop-control-plane.js";
import { hopPolicyHandle } from "./hop-policy-store.js";

/** Options of {@link warmHopPolicy}. */
export interface WarmHopPolicyOptions {
  /** Default: the current app (`getSec0AppConfig()`). */
  readonly profile?: AppProfile;
  /** Hop keys to warm (default every hop of `app.hops`). */
  readonly hops?: readonly string[];
  /** The clock the policy refresh TTL is measured with (tests). */
  readonly clock?: Clock;
}

/** What {@link warmHopPolicy} obtained. */
export interface WarmHopPolicyResult {
  /** Whether hops take their policy from a control plane at all. */
  readonly controlPlane: boolean;
  /** Hops whose policy is now cached. */
  readonly warmed: readonly string[];
  /** Hops whose policy could not be fetched, with the error codes (outermost first). */
  readonly failed: readonly { readonly hop: string; readonly codes: readonly string[] }[];
}

/**
 * Fetches and caches the control-plane policy of the app's hops, so that the first call of a
 * sync hop method finds it (a sync call cannot wait for the network, and without a cached policy
 * it fails closed with `INSTRUMENTATION_HOP_POLICY_NOT_READY`). Never rejects for a control plane
 * that is down: the hops stay fail closed and `failed` says which. Without a control plane it
 * does nothing.
 *
 * @throws {Sec0Error} `INSTRUMENTATION_NOT_INITIALIZED` when no profile is given and
 * `initializeSec0App` has not run.
 * @example
 * initializeSec0App("./sec0.config.yaml");
 * const { failed } = await warmHopPolicy();
 */
export async function warmHopPolicy(options: WarmHopPolicyOptions = {}): Promise<WarmHopPolicyResult> {
  const profile = options.profile ?? getSec0AppConfig();
  const controlPlane = hopControlPlaneOf(profile);
  if (controlPlane === undefined) return { controlPlane: false, warmed: [], failed: [] };
  const keys = options.hops ?? [...profile.hops.keys()];
  const warmed: string[] = [];
  const failed: { hop: string; codes: readonly string[] }[] = [];
  await Promise.all(
    keys.map(async (key) => {
      const hop = profile.hops.get(key);
      if (hop === undefined) {
        failed.push({ hop: key, codes: ["INSTRUMENTATION_HOP_UNKNOWN"] });
        return;
      }
      try {
        await hopPolicyHandle(profile, hop, controlPlane, options.clock).load();
        warmed.push(key);
      } catch (error) {
        failed.push({ hop: key, codes: errorCodesOf(error) });
      }
    }),
  );
  return { controlPlane: true, warmed: warmed.sort(), failed };
}
