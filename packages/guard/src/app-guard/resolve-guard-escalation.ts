import { resolveControlPlaneUrl } from "@sec0/core/control-plane";
import { createControlPlaneApprovalVerifier } from "../escalation/control-plane-escalations.js";
import { createEscalationClient } from "../escalation/escalation-client.js";
import type { Sec0GuardConfig } from "./guard-config.js";
import { GuardConfigError } from "./guard-errors.js";
import type { ResolvedGuardEscalation } from "./guard-escalation.js";

/** The escalation channel: `escalation.client`, else the control plane with the guard's key; none when disabled or keyless. */
export function resolveGuardEscalation(config: Sec0GuardConfig): ResolvedGuardEscalation | undefined {
  const settings = config.escalation ?? {};
  if (settings.enabled === false) return undefined;
  const remote = typeof config.provider?.remote === "object" ? config.provider.remote : undefined;
  const defaults = {
    ...((settings.tenant ?? remote?.tenant) ? { tenant: (settings.tenant ?? remote?.tenant) as string } : {}),
    ...(config.transport === undefined ? {} : { transport: config.transport }),
    waitByDefault: settings.waitForResolutionByDefault ?? true,
    timeoutMs: positive(settings.timeoutMs, 600_000, "escalation.timeoutMs"),
    pollIntervalMs: positive(settings.pollIntervalMs, 2000, "escalation.pollIntervalMs"),
    maxRetries: settings.maxRetries ?? 3,
    retryBackoffMs: settings.retryBackoffMs ?? 250,
    ttlSeconds: positive(settings.ttlSeconds, 3600, "escalation.ttlSeconds"),
  };
  if (settings.client !== undefined) return { ...defaults, client: settings.client };
  const auth = settings.auth ?? remote?.auth;
  const apiKey = nonBlank(auth?.apiKey) ?? nonBlank(auth?.bearerToken);
  if (apiKey === undefined) return undefined;
  const baseUrl = resolveControlPlaneUrl({
    controlPlaneUrl: settings.controlPlaneUrl ?? remote?.controlPlaneUrl,
    env: config.env,
  });
  const timeoutMs = settings.controlPlaneTimeoutMs ?? 8000;
  const fetch = remote?.fetch;
  const common = { baseUrl, apiKey, timeoutMs, ...(fetch === undefined ? {} : { fetch }) };
  return {
    ...defaults,
    client: createEscalationClient({
      ...common,
      ...(defaults.tenant === undefined ? {} : { tenant: defaults.tenant }),
    }),
    verifier: createControlPlaneApprovalVerifier(common),
  };
}

function positive(value: number | undefined, fallback: number, field: string): number {
  const n = value ?? fallback;
  if (!Number.isFinite(n) || n <= 0) throw new GuardConfigError(field, `${field} must be a positive number.`);
  return n;
}

function nonBlank(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value;
}
