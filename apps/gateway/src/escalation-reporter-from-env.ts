import type { Logger } from "@sec0/core";
import { createControlPlaneEscalationReporter, type EscalationReporter } from "@sec0/guard";
import type { ConfigEnv } from "./config/load-config.js";

/**
 * The escalation reporter 0.2.3's gateway built from its environment: `SEC0_CONTROL_PLANE_URL`
 * with `SEC0_API_KEY` (or `SEC0_BEARER_TOKEN`), timeout `SEC0_ESCALATION_TIMEOUT_MS` (default
 * 2500). Without a URL and a credential there is none, and a reason in `escalate_on` denies.
 * Logs that escalation is on, never the credential.
 */
export function escalationReporterFromEnv(env: ConfigEnv, logger: Logger): EscalationReporter | undefined {
  const baseUrl = env.SEC0_CONTROL_PLANE_URL?.trim();
  const apiKey = (env.SEC0_API_KEY ?? env.SEC0_BEARER_TOKEN)?.trim();
  if (baseUrl === undefined || baseUrl === "" || apiKey === undefined || apiKey === "") return undefined;
  const timeout = Number(env.SEC0_ESCALATION_TIMEOUT_MS);
  logger.info({ controlPlane: new URL(baseUrl).origin }, "sec0 gateway escalates to the control plane");
  return createControlPlaneEscalationReporter({
    baseUrl,
    apiKey,
    ...(Number.isFinite(timeout) && timeout > 0 ? { timeoutMs: timeout } : {}),
  });
}
