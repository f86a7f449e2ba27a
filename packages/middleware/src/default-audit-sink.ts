import { Sec0Appender } from "@sec0/audit";
import { type AuditSink, Sec0Error } from "@sec0/core";
import type { MiddlewareOptions } from "./options.js";

/**
 * The audit sink used when `adapters.auditSink` is not given: a `Sec0Appender` in `sec0.dir`
 * (default `.sec0`), signed with `signer`, with `sec0.retentionDays` / `durability`, and
 * `sec0.signing`, else an inline policy object's `signing.mode`, else `per_record`.
 *
 * @throws {Sec0Error} `MIDDLEWARE_CONFIG_INVALID` without a signer.
 * @example
 * const sink = createDefaultAuditSink({ policy, signer, sec0: { dir: ".sec0", signing: "checkpoint" } });
 */
export function createDefaultAuditSink(options: MiddlewareOptions): AuditSink {
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
      ...signingOf(local.signing ?? inlinePolicySigning(options.policy)),
    },
    signer: options.signer,
    ...(options.clock === undefined ? {} : { clock: options.clock }),
  });
}

function signingOf(mode: "per_record" | "checkpoint" | undefined) {
  return mode === undefined ? {} : { signing: mode };
}

/**
 * `signing.mode` of an inline policy object (a YAML string, a source or a control-plane
 * descriptor is read later, after the appender exists, so it is not consulted).
 */
function inlinePolicySigning(policy: MiddlewareOptions["policy"]): "per_record" | "checkpoint" | undefined {
  if (typeof policy !== "object" || policy === null || !("tenant" in policy)) return undefined;
  if (typeof (policy as { get?: unknown }).get === "function") return undefined;
  if ((policy as { source?: unknown }).source === "control-plane") return undefined;
  const signing = (policy as { signing?: { mode?: unknown } }).signing;
  const mode = signing?.mode;
  return mode === "per_record" || mode === "checkpoint" ? mode : undefined;
}
