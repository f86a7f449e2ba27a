import { type AuditSink, type Logger, silentLogger } from "@sec0/core";
import type { CompiledPolicy } from "@sec0/policy";
import { createGuardCache, type EffectiveAgentGuard } from "../content/guard-cache.js";
import type { DecideDeps } from "./decide-guard-input.js";
import { createGuardAuditSink } from "./guard-audit-sink.js";
import type { GuardLogEvent, Sec0GuardConfig } from "./guard-config.js";
import { GuardConfigError } from "./guard-errors.js";
import type { ResolvedGuardEscalation } from "./guard-escalation.js";
import type { GuardPolicyProvider } from "./guard-policy.js";
import type { GuardMode } from "./guard-types.js";
import { createHybridPolicyProvider } from "./hybrid-policy-provider.js";
import { createLocalPolicyProvider } from "./local-policy-provider.js";
import { createRemotePolicyProvider, type RemoteProviderConfig } from "./remote-policy-provider.js";
import { resolveGuardEscalation } from "./resolve-guard-escalation.js";

/** Everything a guard decides and records with, built once from its config. */
export interface GuardSetup {
  readonly config: Sec0GuardConfig;
  readonly mode: GuardMode;
  readonly logger: Logger;
  readonly now: () => number;
  readonly provider: GuardPolicyProvider;
  /** `undefined`: no escalation channel, so an escalation blocks. */
  readonly escalation: ResolvedGuardEscalation | undefined;
  readonly auditSink: AuditSink;
  readonly agentGuardFor: (compiled: CompiledPolicy) => EffectiveAgentGuard;
  /** Recorded as the tenant when the policy names none. */
  readonly tenant: string;
  readonly waitByDefault: boolean;
  /** What deciding needs, built once. */
  readonly decideDeps: DecideDeps;
  /** Logs a failed audit append (one handler per guard: no closure per decision). */
  readonly onAppendError: (error: unknown) => false;
}

/**
 * Validates the config and builds the guard's parts: mode, policy provider, escalation channel,
 * audit sink, Agent Guard cache.
 *
 * @throws {GuardConfigError} `GUARD_CONFIG_INVALID` naming the field.
 */
export function createGuardSetup(config: Sec0GuardConfig): GuardSetup {
  const mode = inferMode(config);
  const logger = toLogger(config.logger);
  const now = config.now ?? Date.now;
  const escalation = resolveGuardEscalation(config);
  const agentGuardFor = createGuardCache(config.agentGuard);
  return {
    config,
    mode,
    logger,
    now,
    provider: createProvider(config, mode, logger),
    escalation,
    auditSink: createGuardAuditSink(config.audit, {
      ...(config.cwd === undefined ? {} : { cwd: config.cwd }),
      ...(config.now === undefined ? {} : { clock: { now } }),
    }),
    agentGuardFor,
    tenant: config.tenant ?? "default",
    waitByDefault: escalation?.waitByDefault ?? true,
    onAppendError: (error: unknown): false => {
      logger.error({ err: (error as Error)?.message }, "sec0 guard: audit append failed");
      return false;
    },
    decideDeps: {
      mode,
      escalationAvailable: escalation !== undefined,
      agentGuardFor: (document) => agentGuardFor(document.snapshot.compiled),
      ...(config.judge === undefined ? {} : { judge: config.judge }),
    },
  };
}

/** 0.2.3's inference: remote and local ⇒ hybrid, remote ⇒ dashboard, else standalone. */
function inferMode(config: Sec0GuardConfig): GuardMode {
  const remote = config.provider?.remote !== undefined;
  const local = config.provider?.local !== undefined;
  const mode = config.mode ?? (remote && local ? "hybrid" : remote ? "dashboard" : "standalone");
  if (!["standalone", "dashboard", "hybrid"].includes(mode)) {
    throw new GuardConfigError("mode", `mode must be standalone, dashboard or hybrid (got ${String(mode)}).`);
  }
  const needs = { standalone: [local, "provider.local"], dashboard: [remote, "provider.remote"] } as const;
  if (mode === "hybrid" && !(remote && local)) {
    throw new GuardConfigError("provider", "mode hybrid needs both provider.remote and provider.local.");
  }
  if (mode !== "hybrid" && !needs[mode][0]) {
    throw new GuardConfigError(needs[mode][1], `mode ${mode} needs ${needs[mode][1]}.`);
  }
  return mode;
}

function createProvider(config: Sec0GuardConfig, mode: GuardMode, logger: Logger): GuardPolicyProvider {
  const cwd = config.cwd;
  const local = () =>
    createLocalPolicyProvider(config.provider?.local ?? {}, {
      ...(cwd === undefined ? {} : { cwd }),
      ...(config.now === undefined ? {} : { now: config.now }),
      onReloadError: (error) =>
        logger.warn(
          { err: (error as Error)?.message },
          "sec0 guard: policy file reload failed; the last good policy stays",
        ),
    });
  const remote = () =>
    createRemotePolicyProvider(config.provider?.remote as RemoteProviderConfig, {
      ...(config.env === undefined ? {} : { env: config.env }),
      ...(config.now === undefined ? {} : { now: config.now }),
      onError: (error) =>
        logger.warn(
          { err: (error as Error)?.message },
          "sec0 guard: control-plane policy refresh failed; the last good policy stays",
        ),
    });
  if (mode === "standalone") return local();
  if (mode === "dashboard") return remote();
  return createHybridPolicyProvider(remote(), local(), config.provider?.precedence ?? "remote-first");
}

function toLogger(logger: Sec0GuardConfig["logger"]): Logger {
  if (logger === undefined) return silentLogger;
  if (typeof logger !== "function") return logger;
  const emit =
    (level: GuardLogEvent["level"]) =>
    (obj: object, message: string): void => {
      try {
        logger({ ...obj, level, message });
      } catch {
        // a logger failure never changes a decision
      }
    };
  return { debug: emit("debug"), info: emit("info"), warn: emit("warn"), error: emit("error") };
}
