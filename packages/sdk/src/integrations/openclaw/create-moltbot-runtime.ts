import { Sec0Appender } from "@sec0/audit";
import { type AuditSink, isSec0Error, type Logger, silentLogger } from "@sec0/core";
import type { AgentGuardConfig } from "@sec0/evaluator";
import {
  createDecisionEngine,
  createSec0Guard,
  type DecisionEngine,
  type EscalationClient,
  type Sec0Guard,
} from "@sec0/guard";
import { LocalDevSigner } from "@sec0/signer";
import { type ConversationQuarantine, createConversationQuarantine } from "./conversation-quarantine.js";
import { createMessageContextCheck, type MessageContextCheck } from "./create-message-context-check.js";
import { createMoltbotPolicySource, type MoltbotPolicySource } from "./create-moltbot-policy-source.js";
import { createNlEvalJudge } from "./create-nl-eval-judge.js";
import { createSkillCheck, type SkillCheck } from "./create-skill-check.js";
import { loadMoltbotPolicy } from "./load-moltbot-policy.js";
import type { MoltbotDecisionEvent } from "./moltbot-config.js";
import { configInvalid } from "./moltbot-config-errors.js";
import { createPendingToolCalls, type PendingToolCalls } from "./pending-tool-calls.js";
import type { ResolvedMoltbotConfig } from "./validate-moltbot-config.js";

/** Everything the hooks share: one policy, one signed appender, the engine and the guard. */
export interface MoltbotRuntime {
  readonly resolved: ResolvedMoltbotConfig;
  /** Where the policy comes from (the engine and the guard read the same one). */
  readonly policySource: MoltbotPolicySource;
  readonly appender: Sec0Appender;
  /** Tool calls, inbound messages and quarantine refusals. */
  readonly engine: DecisionEngine;
  /** Outbound messages (the app-level guard, with the same policy). */
  readonly guard: Sec0Guard;
  readonly pending: PendingToolCalls;
  readonly quarantine: ConversationQuarantine;
  /** The contextual evaluator of outbound messages, when `contextualEvaluator` is enabled. */
  readonly messageContext: MessageContextCheck | undefined;
  /** The skill check of `skills`, when enabled. */
  readonly skillCheck: SkillCheck | undefined;
  readonly logger: Logger;
  /** True once `close()` began: every decision then fails closed. */
  readonly isClosed: () => boolean;
  markClosed(): void;
  notify(event: MoltbotDecisionEvent): void;
}

const NO_AUDIT: AuditSink = { append: async () => {} };

/**
 * Builds the shared parts from a validated config: loads the policy, the signing key and the
 * appender, and creates the decision engine and the guard over them.
 *
 * @throws {Sec0Error} `SDK_OPENCLAW_CONFIG_INVALID` for a policy or key that does not load.
 */
export function createMoltbotRuntime(resolved: ResolvedMoltbotConfig): MoltbotRuntime {
  const { config } = resolved;
  const policySource = createMoltbotPolicySource(loadMoltbotPolicy(config, resolved.resolvePath), config);
  const logger = config.logger ?? silentLogger;
  const { appender, sink } = createAudit(resolved);
  const agentGuard: AgentGuardConfig =
    config.agentGuard === false ? { enabled: false } : { enabled: true, ...config.agentGuard };
  const judge = resolved.nlEval === undefined ? undefined : createNlEvalJudge(resolved.nlEval, config.tenant);
  const engine = createDecisionEngine(
    {
      surface: "openclaw",
      tenant: config.tenant,
      agentGuard,
      logger,
      telemetryEnabled: false,
      hop: { server: config.serverName },
      ...(resolved.contextual === undefined ? {} : { contextualEvaluator: resolved.contextual }),
      ...(judge === undefined ? {} : { adapters: { judge } }),
    },
    { policySource: policySource.engineSource, auditSink: sink },
  );
  const guard = createSec0Guard({
    provider: policySource.guardProvider,
    audit: { sink: resolved.auditMessages ? sink : NO_AUDIT },
    tenant: config.tenant,
    agentGuard,
    logger,
    ...(judge === undefined ? {} : { judge }),
    escalation: config.escalation === undefined ? { enabled: false } : { client: ESCALATED_BY_MANAGER },
  });
  let closed = false;
  return {
    resolved,
    policySource,
    isClosed: () => closed,
    markClosed: () => {
      closed = true;
    },
    appender,
    engine,
    guard,
    pending: createPendingToolCalls(resolved.pendingTimeoutMs),
    quarantine: createConversationQuarantine(resolved.quarantineTtlMs),
    messageContext:
      resolved.contextual === undefined ? undefined : createMessageContextCheck(resolved.contextual, logger),
    skillCheck:
      resolved.skills === undefined
        ? undefined
        : createSkillCheck({
            skills: resolved.skills,
            policySource: policySource.engineSource,
            auditSink: sink,
            resolvePath: resolved.resolvePath,
            tenant: config.tenant,
            logger,
          }),
    logger,
    notify(event) {
      safely(() => config.onDecision?.(event));
    },
  };
}

/** The signed appender of `auditDir`, and the sink over it that reports failures to `onAuditError`. */
function createAudit(resolved: ResolvedMoltbotConfig): { appender: Sec0Appender; sink: AuditSink } {
  const { config } = resolved;
  const appender = new Sec0Appender({
    config: {
      dir: resolved.auditDir,
      onAsyncError: (error) => safely(() => config.onAuditError?.(error)),
    },
    signer: loadSigner(resolved),
  });
  const sink: AuditSink = {
    append: (envelope, options) =>
      appender.append(envelope, options).catch((error: unknown) => {
        safely(() => config.onAuditError?.(error));
        throw error;
      }),
    flush: () => appender.flush(),
  };
  return { appender, sink };
}

function loadSigner(resolved: ResolvedMoltbotConfig): LocalDevSigner {
  try {
    return LocalDevSigner.fromKeyRef(`file://${resolved.signingKeyPath}`, { cwd: resolved.resolvePath(".") });
  } catch (error) {
    const why = isSec0Error(error) ? `${error.code}: ${error.message}` : String(error);
    throw configInvalid("signingKeyPath", `does not name a usable signing key (${why})`, error);
  }
}

function safely(run: () => void): void {
  try {
    run();
  } catch {
    // A caller's hook never changes a decision.
  }
}

const managerOnly = (): Promise<never> =>
  Promise.reject(new Error("escalations of the OpenClaw hooks go through their escalation manager"));

/**
 * Gives the guard an escalation channel so that `escalate_on` decides `escalate` (not `block`);
 * `check` never uses it: the hooks hand escalations to the configured escalation manager.
 */
const ESCALATED_BY_MANAGER: EscalationClient = {
  create: managerOnly,
  get: managerOnly,
  resolve: managerOnly,
  waitForResolution: managerOnly,
};
