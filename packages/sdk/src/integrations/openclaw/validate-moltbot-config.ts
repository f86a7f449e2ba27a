import { resolve } from "node:path";
import type { ContextualEvaluatorOptions } from "@sec0/guard";
import type { MoltbotNlEvalConfig, MoltbotSkillsConfig, Sec0MoltbotConfig } from "./moltbot-config.js";
import { configInvalid } from "./moltbot-config-errors.js";
import { resolveContextualConfig } from "./resolve-contextual-config.js";
import { type ResolvedGatewayTool, resolveGatewayTool } from "./resolve-gateway-tool.js";
import { resolveNlEval } from "./resolve-nl-eval.js";
import { resolveSkillsConfig } from "./resolve-skills-config.js";

/** The config with its checks passed and defaults applied. */
export interface ResolvedMoltbotConfig {
  readonly config: Sec0MoltbotConfig;
  readonly enforce: boolean;
  readonly auditDir: string;
  readonly signingKeyPath: string;
  readonly inbound: boolean;
  readonly outbound: boolean;
  readonly auditMessages: boolean;
  /** How long an inbound message that failed its scan quarantines its conversation; 0 = never. */
  readonly quarantineTtlMs: number;
  readonly pendingTimeoutMs: number;
  readonly decisionTimeoutMs: number;
  /** `decisionTimeoutMs` plus the escalation manager's longest wait: the bound of `message_sending`. */
  readonly messageTimeoutMs: number;
  readonly resolvePath: (path: string) => string;
  /** The gateway tool the plugin registers, when `gatewayTool.enabled`. */
  readonly gatewayTool: ResolvedGatewayTool | undefined;
  /** Skill checks before tool calls, when `skills.enabled`. */
  readonly skills: MoltbotSkillsConfig | undefined;
  /** The contextual evaluator's options, when enabled. */
  readonly contextual: ContextualEvaluatorOptions | undefined;
  /** The judge of natural-language compliance rules, when `compliance.nlEval` is set. */
  readonly nlEval: MoltbotNlEvalConfig | undefined;
}

const DEFAULT_QUARANTINE_TTL_MS = 3_600_000;
const DEFAULT_PENDING_TIMEOUT_MS = 600_000;
const DEFAULT_DECISION_TIMEOUT_MS = 10_000;

/**
 * Checks a {@link Sec0MoltbotConfig} before anything is built, naming the first bad key.
 *
 * @throws {Sec0Error} `SDK_OPENCLAW_CONFIG_INVALID`.
 */
export function validateMoltbotConfig(config: Sec0MoltbotConfig): ResolvedMoltbotConfig {
  if (typeof config !== "object" || config === null) throw configInvalid("(root)", "must be an object");
  if (config.mode !== "observe" && config.mode !== "enforce")
    throw configInvalid("mode", 'must be "observe" or "enforce"');
  for (const key of ["auditDir", "signingKeyPath", "tenant", "serverName"] as const) {
    if (typeof config[key] !== "string" || config[key].trim() === "")
      throw configInvalid(key, "is required (a non-empty string)");
  }
  if (!/^[A-Za-z0-9._-]+$/.test(config.serverName))
    throw configInvalid(
      "serverName",
      "may hold only letters, digits, '.', '_' and '-' (it is the host of mcp://<serverName>/<tool>)",
    );
  if (config.allowlist !== undefined) {
    if (!Array.isArray(config.allowlist) || config.allowlist.length === 0)
      throw configInvalid(
        "allowlist",
        'must be a non-empty list of tool names (use ["*"] to allow every tool)',
      );
    if (config.allowlist.some((entry) => typeof entry !== "string" || entry === ""))
      throw configInvalid("allowlist", "must hold only non-empty strings");
  }
  const nlEval = resolveNlEval(config);
  const resolvePath = config.resolvePath ?? ((path: string) => resolve(path));
  const messages = resolveMessages(config);
  const decisionTimeoutMs = positiveMs(
    "decisionTimeoutMs",
    config.decisionTimeoutMs,
    DEFAULT_DECISION_TIMEOUT_MS,
  );
  if (config.escalation !== undefined && typeof config.escalation.handle !== "function")
    throw configInvalid("escalation", "must be a manager from createMoltbotEscalationManager");
  return {
    config,
    enforce: config.mode === "enforce",
    auditDir: resolvePath(config.auditDir),
    signingKeyPath: resolvePath(config.signingKeyPath),
    ...messages,
    pendingTimeoutMs: positiveMs("pendingTimeoutMs", config.pendingTimeoutMs, DEFAULT_PENDING_TIMEOUT_MS),
    decisionTimeoutMs,
    messageTimeoutMs: decisionTimeoutMs + (config.escalation?.maxWaitMs ?? 0),
    resolvePath,
    gatewayTool: resolveGatewayTool(config),
    skills: resolveSkillsConfig(config),
    contextual: resolveContextualConfig(config),
    nlEval,
  };
}

function resolveMessages(config: Sec0MoltbotConfig) {
  const messages = config.messages;
  if (messages === undefined || messages.enabled !== true)
    return { inbound: false, outbound: false, auditMessages: false, quarantineTtlMs: 0 };
  const direction = messages.direction;
  if (direction !== "inbound" && direction !== "outbound" && direction !== "both")
    throw configInvalid(
      "messages.direction",
      'is required when messages.enabled: "inbound", "outbound" or "both"',
    );
  if (typeof messages.audit !== "boolean")
    throw configInvalid("messages.audit", "is required when messages.enabled (true or false)");
  const quarantine = messages.quarantine;
  const quarantineTtlMs =
    quarantine?.enabled === false
      ? 0
      : positiveMs("messages.quarantine.ttlMs", quarantine?.ttlMs, DEFAULT_QUARANTINE_TTL_MS);
  return {
    inbound: direction !== "outbound",
    outbound: direction !== "inbound",
    auditMessages: messages.audit,
    quarantineTtlMs,
  };
}

function positiveMs(field: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!(Number.isFinite(value) && value > 0))
    throw configInvalid(field, "must be a positive number of milliseconds");
  return value;
}
