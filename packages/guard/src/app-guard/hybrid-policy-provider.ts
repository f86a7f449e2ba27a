import { GuardPolicyUnavailableError } from "./guard-errors.js";
import type { GuardPolicyProvider, ResolvedGuardPolicy } from "./guard-policy.js";

/** Which provider a hybrid guard asks first. */
export type GuardPrecedence = "remote-first" | "local-first";

/**
 * Hybrid: `remote-first` (default) serves the control plane's policy, its last good one when a
 * refresh fails (`remote-cache`), and the local policy when the control plane never answered
 * (`local-fallback`); `local-first` serves the local policy and the control plane's when the local
 * one cannot be loaded. Every fallback carries `fallbackReason`. When both fail, the decision fails
 * with `GUARD_POLICY_UNAVAILABLE`: no policy never means allow.
 */
export function createHybridPolicyProvider(
  remote: GuardPolicyProvider,
  local: GuardPolicyProvider,
  precedence: GuardPrecedence = "remote-first",
): GuardPolicyProvider {
  const [first, second] = precedence === "remote-first" ? [remote, local] : [local, remote];
  return {
    // Only the preferred provider's policy is served without asking: a fallback always goes by get.
    peek: (request) => first.peek?.(request),
    async get(request): Promise<ResolvedGuardPolicy> {
      let firstError: unknown;
      try {
        return await first.get(request);
      } catch (error) {
        firstError = error;
      }
      try {
        const resolved = await second.get(request);
        return {
          document: resolved.document,
          source: precedence === "remote-first" ? "local-fallback" : "remote",
          fallbackReason: (firstError as Error)?.message ?? String(firstError),
        };
      } catch (secondError) {
        throw new GuardPolicyUnavailableError(
          `No policy: ${(firstError as Error)?.message ?? String(firstError)}; and the fallback: ${(secondError as Error)?.message ?? String(secondError)}`,
          { details: { source: "hybrid", precedence }, cause: firstError },
        );
      }
    },
    close() {
      remote.close();
      local.close();
    },
  };
}
