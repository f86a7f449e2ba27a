import { Sec0Error } from "@sec0/core";

/**
 * The error of a control-plane source that never obtained a policy; callers deny until one is.
 *
 * @example
 * throw policyUnavailable("the control plane has no base policy for this tenant");
 */
export function policyUnavailable(why: string, cause?: unknown): Sec0Error {
  return new Sec0Error(
    "POLICY_UNAVAILABLE",
    `No policy could be obtained from the control plane (${why}); calls are denied until one is.`,
    {
      ...(cause === undefined ? {} : { cause }),
    },
  );
}
