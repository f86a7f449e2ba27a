// `sec0-sdk/integrations/openclaw`: sec0 for OpenClaw (formerly Moltbot), with 0.2.3's names.
// Decisions, detectors, audit and escalations are @sec0/guard's, @sec0/evaluator's and
// @sec0/audit's; this subpath only adapts OpenClaw's hooks to them.

export type { MoltbotMessageHooks } from "./openclaw/create-message-hooks.js";
export { createMoltbotEscalationManager } from "./openclaw/create-moltbot-escalation-manager.js";
export type { MoltbotHooks, MoltbotHooksMeta } from "./openclaw/create-moltbot-hooks.js";
export { createMoltbotHooks } from "./openclaw/create-moltbot-hooks.js";
export {
  createMoltbotPlugin,
  type MoltbotConfigOrFactory,
  type MoltbotPlugin,
  type MoltbotPluginPriorities,
} from "./openclaw/create-moltbot-plugin.js";
export type { MoltbotToolHooks } from "./openclaw/create-tool-hooks.js";
export type {
  MoltbotDecisionEvent,
  MoltbotGatewayToolConfig,
  MoltbotGatewayToolDefaults,
  MoltbotMessagesConfig,
  MoltbotNlEvalConfig,
  MoltbotPolicySourceConfig,
  MoltbotSkillDescriptor,
  MoltbotSkillResolveInput,
  MoltbotSkillScanEvent,
  MoltbotSkillsConfig,
  Sec0MoltbotConfig,
} from "./openclaw/moltbot-config.js";
export type {
  MoltbotEscalationFinding,
  MoltbotEscalationInput,
  MoltbotEscalationManager,
  MoltbotEscalationManagerOptions,
  MoltbotEscalationMode,
  MoltbotEscalationResult,
  MoltbotGateResult,
} from "./openclaw/moltbot-escalation-types.js";
export type * from "./openclaw/openclaw-plugin-api.js";
export { MAX_PARAMS_JSON_BYTES } from "./openclaw/snapshot-params.js";
