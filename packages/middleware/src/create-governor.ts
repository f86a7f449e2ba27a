import type { RegistryIntegrity, ToolGovernor } from "@sec0/guard";
import { createToolGovernor } from "./create-tool-governor.js";
import { createDefaultAuditSink } from "./default-audit-sink.js";
import type { MiddlewareOptions } from "./options.js";
import { resolvePolicySource } from "./resolve-policy-source.js";

/**
 * Builds the governor for the options of `sec0SecurityMiddleware`: the policy source, and the
 * audit sink (`adapters.auditSink`, else a `Sec0Appender` in `sec0.dir`, default `.sec0`, signed
 * with `signer`, in the `sec0.signing` mode or else an inline policy object's `signing.mode`).
 * @throws {Sec0Error} `MIDDLEWARE_CONFIG_INVALID` when there is neither a signer nor an audit sink;
 * policy errors (`POLICY_INVALID`, …) for a bad local policy.
 */
export function createGovernorFromOptions(
  options: MiddlewareOptions,
  registry?: RegistryIntegrity,
): ToolGovernor {
  const policySource = resolvePolicySource(options);
  const auditSink = options.adapters?.auditSink ?? createDefaultAuditSink(options);
  return createToolGovernor(options, {
    policySource,
    auditSink,
    ...(registry === undefined ? {} : { registry }),
  });
}
