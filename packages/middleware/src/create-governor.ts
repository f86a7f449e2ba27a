import { Sec0Appender } from "@sec0/audit";
import { type AuditSink, Sec0Error } from "@sec0/core";
import type { RegistryIntegrity, ToolGovernor } from "@sec0/guard";
import { createToolGovernor } from "./create-tool-governor.js";
import type { MiddlewareOptions } from "./options.js";
import { resolvePolicySource } from "./resolve-policy-source.js";

/**
 * Builds the governor for the options of `sec0SecurityMiddleware`: the policy source, and the
 * audit sink (`adapters.auditSink`, else a `Sec0Appender` in `sec0.dir`, default `.sec0`, signed
 * with `signer`).
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

function createDefaultAuditSink(options: MiddlewareOptions): AuditSink {
  if (options.signer === undefined) {
    throw new Sec0Error(
      "MIDDLEWARE_CONFIG_INVALID",
      'sec0 needs a signer for its audit records: pass signer: LocalDevSigner.fromKeyRef("file://./.sec0/keys/ed25519.key") (create the key with `sec0 keygen`), or adapters.auditSink.',
    );
  }
  const local = options.sec0 ?? { dir: ".sec0" };
  return new Sec0Appender({
    config: {
      dir: local.dir,
      ...(local.retentionDays === undefined ? {} : { retentionDays: local.retentionDays }),
      ...(local.durability === undefined ? {} : { durability: local.durability }),
    },
    signer: options.signer,
    ...(options.clock === undefined ? {} : { clock: options.clock }),
  });
}
