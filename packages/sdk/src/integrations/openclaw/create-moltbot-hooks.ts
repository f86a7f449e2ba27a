import { createMessageHooks, type MoltbotMessageHooks } from "./create-message-hooks.js";
import { createMoltbotRuntime } from "./create-moltbot-runtime.js";
import { createToolHooks, type MoltbotToolHooks } from "./create-tool-hooks.js";
import type { Sec0MoltbotConfig } from "./moltbot-config.js";
import { validateMoltbotConfig } from "./validate-moltbot-config.js";

/** What the hooks were built from (0.2.3's `meta`). */
export interface MoltbotHooksMeta {
  readonly policySource: "local" | "control-plane";
  readonly auditDir: string;
  readonly tenant: string;
  readonly serverName: string;
  readonly mode: "observe" | "enforce";
  /** The bound of a `before_tool_call` decision (ms). */
  readonly decisionTimeoutMs: number;
  /** The bound of a `message_sending` decision, escalation included (ms). */
  readonly messageTimeoutMs: number;
  /** The contextual evaluator's source and mode, when it is enabled (0.2.3's names). */
  readonly evaluatorSource?: "local" | "control-plane";
  readonly evaluatorMode?: "sync" | "async";
}

/** The OpenClaw hooks of one sec0 configuration. */
export interface MoltbotHooks extends MoltbotToolHooks {
  /** Present when `messages` governs inbound messages. */
  readonly messageReceived?: MoltbotMessageHooks["messageReceived"];
  /** Present when `messages` governs outbound messages. */
  readonly messageSending?: MoltbotMessageHooks["messageSending"];
  /** Waits for the audit rows under way and flushes the appender. */
  flush(): Promise<void>;
  /** Records the calls still waiting for `after_tool_call` as not observed, then closes everything. */
  close(): Promise<void>;
  readonly meta: MoltbotHooksMeta;
}

/**
 * Creates the sec0 hooks for OpenClaw (formerly Moltbot): every tool call is decided before it
 * runs and audited after it, and messages are scanned when `messages` is enabled, all through
 * `@sec0/guard`'s decision engine with the policy's `deny_on` / `escalate_on` and a signed audit log.
 *
 * @throws {Sec0Error} `SDK_OPENCLAW_CONFIG_INVALID` naming the bad key (or the policy or key that
 *   does not load).
 * @example
 * const hooks = createMoltbotHooks({ mode: "enforce", policyPath: "./policy.yaml", auditDir: ".sec0", signingKeyPath: ".sec0/keys/ed25519.key", tenant: "acme", serverName: "openclaw" });
 * const verdict = await hooks.beforeToolCall({ toolName: "exec", params: { command: "ls" } }, { toolName: "exec" });
 */
export function createMoltbotHooks(config: Sec0MoltbotConfig): MoltbotHooks {
  const resolved = validateMoltbotConfig(config);
  const runtime = createMoltbotRuntime(resolved);
  const tools = createToolHooks(runtime);
  const messages = createMessageHooks(runtime);
  let closing: Promise<void> | undefined;
  const flush = async () => {
    await runtime.pending.idle();
    await runtime.appender.flush();
  };
  return {
    ...tools,
    ...(resolved.inbound ? { messageReceived: messages.messageReceived } : {}),
    ...(resolved.outbound ? { messageSending: messages.messageSending } : {}),
    flush,
    close() {
      runtime.markClosed();
      closing ??= (async () => {
        await runtime.pending.settleAll("closed before after_tool_call was observed");
        await runtime.skillCheck?.close();
        await runtime.guard.close();
        await runtime.engine.close();
        await runtime.appender.close();
      })();
      return closing;
    },
    meta: Object.freeze({
      policySource: runtime.policySource.kind,
      auditDir: resolved.auditDir,
      tenant: config.tenant,
      serverName: config.serverName,
      mode: config.mode,
      decisionTimeoutMs: resolved.decisionTimeoutMs,
      messageTimeoutMs: resolved.messageTimeoutMs,
      ...(resolved.contextual === undefined
        ? {}
        : {
            evaluatorSource:
              resolved.contextual.evaluatorSource === "control-plane" ? "control-plane" : "local",
            evaluatorMode: resolved.contextual.evaluatorMode ?? "sync",
          }),
    }),
  };
}
