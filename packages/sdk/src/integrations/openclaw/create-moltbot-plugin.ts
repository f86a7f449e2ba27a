import type { Logger } from "@sec0/core";
import { createGatewayTool } from "./create-gateway-tool.js";
import { createMoltbotHooks, type MoltbotHooks } from "./create-moltbot-hooks.js";
import type { Sec0MoltbotConfig } from "./moltbot-config.js";
import type {
  OpenClawBeforeToolCallResult,
  OpenClawMessageSendingResult,
  OpenClawPluginApi,
  OpenClawPluginDefinition,
  OpenClawPluginLogger,
} from "./openclaw-plugin-api.js";
import { resolveGatewayTool } from "./resolve-gateway-tool.js";

/** Hook priorities (higher runs first); 0.2.3's defaults. */
export interface MoltbotPluginPriorities {
  readonly beforeToolCall?: number;
  readonly afterToolCall?: number;
  readonly messageReceived?: number;
  readonly messageSending?: number;
}

/** A config, or a function of the plugin API (e.g. reading `api.pluginConfig`) that returns one. */
export type MoltbotConfigOrFactory = Sec0MoltbotConfig | ((api: OpenClawPluginApi) => Sec0MoltbotConfig);

/** The plugin: an OpenClaw plugin definition (pass it to `definePluginEntry`, or export it). */
export interface MoltbotPlugin extends OpenClawPluginDefinition {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  register: (api: OpenClawPluginApi) => void;
  /** The hooks of the last `register`, for `flush()` / `close()` on shutdown. */
  readonly hooks: () => MoltbotHooks | undefined;
}

/** How much longer OpenClaw waits for a hook than the hook's own deadline. */
const HOOK_TIMEOUT_MARGIN_MS = 5000;
const DEFAULT_PRIORITIES = {
  beforeToolCall: 100,
  afterToolCall: -10,
  messageReceived: 50,
  messageSending: 50,
};

/**
 * Creates the sec0 OpenClaw plugin: `register(api)` builds {@link createMoltbotHooks} and
 * registers `before_tool_call` (priority 100, so sec0 decides before other plugins),
 * `after_tool_call` (−10), and, when messages are governed, `message_received` and
 * `message_sending` (50), and, when `gatewayTool.enabled`, the gateway tool (`sec0.call_gateway`,
 * see {@link createGatewayTool}). The hooks are built on the first `register` and reused by later ones
 * (OpenClaw registers a plugin once per registration mode). A config that does not validate throws from `register`, so OpenClaw
 * reports the plugin as failed instead of running ungoverned. `api.logger` is the default logger.
 *
 * @throws {Sec0Error} from `register`: the codes of {@link createMoltbotHooks}.
 * @example
 * export default createMoltbotPlugin((api) => ({ ...api.pluginConfig, mode: "enforce", auditDir: ".sec0", signingKeyPath: ".sec0/keys/ed25519.key", tenant: "acme", serverName: "openclaw", policyPath: "./policy.yaml" }));
 */
export function createMoltbotPlugin(
  configOrFactory: MoltbotConfigOrFactory,
  priorities: MoltbotPluginPriorities = {},
): MoltbotPlugin {
  const order = { ...DEFAULT_PRIORITIES, ...priorities };
  let current: MoltbotHooks | undefined;
  let config: Sec0MoltbotConfig | undefined;
  const build = (api: OpenClawPluginApi): MoltbotHooks => {
    const given = typeof configOrFactory === "function" ? configOrFactory(api) : configOrFactory;
    config = { ...given, logger: given.logger ?? fromPluginLogger(api.logger) };
    return createMoltbotHooks(config);
  };
  return {
    id: "sec0",
    name: "sec0",
    description:
      "sec0 runtime governance: decides every tool call before it runs, scans messages, signs an audit log.",
    hooks: () => current,
    register(api) {
      // OpenClaw may register a plugin more than once (discovery, setup, full runtime): one set of
      // hooks per plugin, so one appender ever writes its audit directory.
      current ??= build(api);
      const hooks = current;
      // OpenClaw lets a call through when a hook times out: give ours room to answer first.
      const toolTimeoutMs = hooks.meta.decisionTimeoutMs + HOOK_TIMEOUT_MARGIN_MS;
      const messageTimeoutMs = hooks.meta.messageTimeoutMs + HOOK_TIMEOUT_MARGIN_MS;
      api.on(
        "before_tool_call",
        (event, ctx): Promise<OpenClawBeforeToolCallResult | undefined> => hooks.beforeToolCall(event, ctx),
        { priority: order.beforeToolCall, timeoutMs: toolTimeoutMs },
      );
      api.on("after_tool_call", (event, ctx) => hooks.afterToolCall(event, ctx), {
        priority: order.afterToolCall,
      });
      const { messageReceived, messageSending } = hooks;
      if (messageReceived !== undefined)
        api.on("message_received", (event, ctx) => messageReceived(event, ctx), {
          priority: order.messageReceived,
        });
      if (messageSending !== undefined)
        api.on(
          "message_sending",
          (event, ctx): Promise<OpenClawMessageSendingResult | undefined> => messageSending(event, ctx),
          { priority: order.messageSending, timeoutMs: messageTimeoutMs },
        );
      if (config !== undefined) registerGatewayTool(api, config);
    },
  };
}

/** Registers the gateway tool when `gatewayTool.enabled` (a factory: each run names its agent). */
function registerGatewayTool(api: OpenClawPluginApi, config: Sec0MoltbotConfig): void {
  const tool = resolveGatewayTool(config);
  if (tool === undefined) return;
  api.registerTool((ctx) => createGatewayTool(tool, config.tenant, ctx), { name: tool.name });
}

/** sec0's `Logger` port over OpenClaw's message-only plugin logger (fields as JSON after the text). */
function fromPluginLogger(logger: OpenClawPluginLogger | undefined): Logger | undefined {
  if (logger === undefined) return undefined;
  const line = (msg: string, obj: object) => `${msg} ${safeJson(obj)}`;
  return {
    debug: (obj, msg) => logger.debug?.(line(msg, obj)),
    info: (obj, msg) => logger.info(line(msg, obj)),
    warn: (obj, msg) => logger.warn(line(msg, obj)),
    error: (obj, msg) => logger.error(line(msg, obj)),
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return "{}";
  }
}
