import { Sec0Error } from "@sec0/core";

/** The scope settings {@link resolvePolicyNode} reads. */
export interface PolicyNodeScope {
  /** `base`: never per node; `agent`: always (a nodeId is required); `auto` (default): when one is known. */
  readonly scope?: "base" | "agent" | "auto";
  readonly nodeId?: string;
}

/**
 * The agent node whose policy applies: the requested one, else the configured one, none for
 * scope `base`.
 *
 * @throws {Sec0Error} `POLICY_SOURCE_CONFIG_INVALID` for scope `agent` without a nodeId.
 * @example
 * resolvePolicyNode({ scope: "auto", nodeId: "planner" }, undefined); // "planner"
 */
export function resolvePolicyNode(
  options: PolicyNodeScope,
  requested: string | undefined,
): string | undefined {
  const scope = options.scope ?? "auto";
  if (scope === "base") return undefined;
  const nodeId = requested ?? options.nodeId;
  if (scope === "agent" && nodeId === undefined) {
    throw new Sec0Error(
      "POLICY_SOURCE_CONFIG_INVALID",
      'Policy scope "agent" needs a nodeId: pass it to get() or in the options.',
    );
  }
  return nodeId;
}
