// The part of OpenClaw's plugin API that sec0-sdk/integrations/openclaw uses, as declarations only.
//
// Vendored from the `openclaw` npm package, version 2026.9.6 (MIT License, Copyright (c) the
// OpenClaw contributors), file `dist/runtime-api-DpOeiZhR.d.ts`: PluginLogger (line 31796),
// PluginHookBeforeToolCallResult (33573), PluginHookMessageContext (33908),
// PluginHookMessageReceivedEvent (34010), PluginHookMessageSendingEvent / Result (34038),
// PluginHookToolContext (34671), PluginHookBeforeToolCallEvent (34694),
// PluginHookAfterToolCallEvent (34716), the hook handler map (34950), PluginHookRegistrationOptions
// (34255), OpenClawPluginApi (58574) and OpenClawPluginDefinition (58863); and from
// `dist/cli-backend.types-B-oosdMB.d.ts`: AgentToolResult (14907), AnyAgentTool (30490),
// OpenClawPluginToolContext (47288), OpenClawPluginToolFactory (47353) and
// OpenClawPluginToolOptions (47357). Only the fields we read
// or write are kept; every field left out is optional upstream, so the published types and these
// stay assignable both ways. `node packages/sdk/scripts/check-openclaw-types.mjs` checks that
// against the published package (see the sdk README). No OpenClaw code is included.

/** OpenClaw's plugin logger (`api.logger`). */
export interface OpenClawPluginLogger {
  debug?: (message: string) => void;
  info: (message: string) => void;
  warn: (message: string) => void;
  error: (message: string) => void;
}

/** `before_tool_call` event: the call the agent is about to make. */
export interface OpenClawBeforeToolCallEvent {
  toolName: string;
  params: Record<string, unknown>;
  runId?: string;
  toolCallId?: string;
}

/** What a `before_tool_call` handler may answer: `block` stops the call before it runs. */
export interface OpenClawBeforeToolCallResult {
  params?: Record<string, unknown>;
  block?: boolean;
  blockReason?: string;
}

/** `after_tool_call` event: the call and what it returned (or its error text). */
export interface OpenClawAfterToolCallEvent {
  toolName: string;
  params: Record<string, unknown>;
  runId?: string;
  toolCallId?: string;
  result?: unknown;
  error?: string;
  durationMs?: number;
}

/** The context of the tool hooks. */
export interface OpenClawToolContext {
  agentId?: string;
  sessionKey?: string;
  sessionId?: string;
  runId?: string;
  toolName: string;
  toolCallId?: string;
  channelId?: string;
}

/** The context of the message hooks. */
export interface OpenClawMessageContext {
  channelId: string;
  accountId?: string;
  conversationId?: string;
  sessionKey?: string;
}

/** `message_received` event: an inbound message. */
export interface OpenClawMessageReceivedEvent {
  from: string;
  content: string;
  timestamp?: number;
  threadId?: string | number;
  messageId?: string;
  senderId?: string;
  sessionKey?: string;
  runId?: string;
}

/** `message_sending` event: an outbound message before it is delivered. */
export interface OpenClawMessageSendingEvent {
  to: string;
  content: string;
  replyToId?: string | number;
  threadId?: string | number;
  metadata?: Record<string, unknown>;
}

/** What a `message_sending` handler may answer: `cancel` drops the message, `content` replaces it. */
export interface OpenClawMessageSendingResult {
  content?: string;
  cancel?: boolean;
  cancelReason?: string;
  metadata?: Record<string, unknown>;
}

/** The handlers of the hooks sec0 registers, by hook name (a subset of OpenClaw's map). */
export interface OpenClawHookHandlerMap {
  before_tool_call: (
    event: OpenClawBeforeToolCallEvent,
    ctx: OpenClawToolContext,
    // biome-ignore lint/suspicious/noConfusingVoidType: OpenClaw declares the handler's answer so
  ) => Promise<OpenClawBeforeToolCallResult | void> | OpenClawBeforeToolCallResult | void;
  after_tool_call: (event: OpenClawAfterToolCallEvent, ctx: OpenClawToolContext) => Promise<void> | void;
  message_received: (
    event: OpenClawMessageReceivedEvent,
    ctx: OpenClawMessageContext,
  ) => Promise<void> | void;
  message_sending: (
    event: OpenClawMessageSendingEvent,
    ctx: OpenClawMessageContext,
    // biome-ignore lint/suspicious/noConfusingVoidType: OpenClaw declares the handler's answer so
  ) => Promise<OpenClawMessageSendingResult | void> | OpenClawMessageSendingResult | void;
}

/** A hook name sec0 registers. */
export type OpenClawHookName = keyof OpenClawHookHandlerMap;

/** Options of `api.on` that sec0 uses (higher `priority` runs first). */
export interface OpenClawHookOptions {
  priority?: number;
  timeoutMs?: number;
}

/** The part of OpenClaw's `OpenClawPluginApi` sec0 uses. */
export interface OpenClawPluginApi {
  id: string;
  name: string;
  pluginConfig?: Record<string, unknown>;
  logger: OpenClawPluginLogger;
  on(
    hookName: "before_tool_call",
    handler: OpenClawHookHandlerMap["before_tool_call"],
    opts?: OpenClawHookOptions,
  ): void;
  on(
    hookName: "after_tool_call",
    handler: OpenClawHookHandlerMap["after_tool_call"],
    opts?: OpenClawHookOptions,
  ): void;
  on(
    hookName: "message_received",
    handler: OpenClawHookHandlerMap["message_received"],
    opts?: OpenClawHookOptions,
  ): void;
  on(
    hookName: "message_sending",
    handler: OpenClawHookHandlerMap["message_sending"],
    opts?: OpenClawHookOptions,
  ): void;
  registerTool(tool: OpenClawAgentTool | OpenClawPluginToolFactory, opts?: OpenClawPluginToolOptions): void;
}

/** What a tool returns to the model: text blocks, and structured `details` for logs and UIs. */
export interface OpenClawToolResult {
  content: Array<{ type: "text"; text: string }>;
  details: unknown;
}

/** An agent tool (OpenClaw's `AnyAgentTool`): `parameters` is a JSON Schema; failures throw. */
export interface OpenClawAgentTool {
  name: string;
  label: string;
  description: string;
  parameters: Record<string, unknown>;
  execute(this: void, toolCallId: string, params: unknown, signal?: AbortSignal): Promise<OpenClawToolResult>;
}

/** The context a tool factory is built with, per run (the fields sec0 reads). */
export interface OpenClawPluginToolContext {
  agentId?: string;
  sessionKey?: string;
  sessionId?: string;
}

/** A tool factory: OpenClaw calls it with the run's context. */
export type OpenClawPluginToolFactory = (
  ctx: OpenClawPluginToolContext,
) => OpenClawAgentTool | OpenClawAgentTool[] | null | undefined;

/** Options of `api.registerTool`. */
export interface OpenClawPluginToolOptions {
  name?: string;
  names?: string[];
  optional?: boolean;
}

/** OpenClaw's plugin definition (what `definePluginEntry` takes, minus what sec0 does not set). */
export interface OpenClawPluginDefinition {
  id?: string;
  name?: string;
  description?: string;
  version?: string;
  register?: (api: OpenClawPluginApi) => void;
}
