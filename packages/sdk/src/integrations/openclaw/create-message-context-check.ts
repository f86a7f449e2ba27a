import type { Logger } from "@sec0/core";
import type { EvaluatorInputDraft } from "@sec0/evaluator";
import {
  type ContextualCallInfo,
  type ContextualEvaluatorOptions,
  resolveContextualAdapter,
} from "@sec0/guard";

/** What the contextual evaluator said about an outbound message. */
export interface MessageContextVerdict {
  /** `contextual_evaluator_denied` / `contextual_evaluator_escalated`, or none. */
  readonly reason?: string;
  /** `evaluation_error` when the evaluator failed and `onError` is `deny`. */
  readonly fault?: string;
}

/** Asks the contextual evaluator about one outbound message (0.2.3 evaluated them too). */
export interface MessageContextCheck {
  check(message: {
    readonly to: string;
    readonly content: string;
    readonly channelId: string;
    readonly sessionKey?: string;
  }): Promise<MessageContextVerdict>;
}

const NO_OPINION: MessageContextVerdict = {};

/**
 * Creates the outbound-message side of `contextualEvaluator` with the same options and sources as
 * the engine's tool-call side (`resolveContextualAdapter` of @sec0/guard: the local scorer, the
 * control plane's `POST /api/evaluator/contextual`, or `adapter`). `eligible` and `buildContext` see the
 * message as a call to `openclaw:message:<channel>:<to>` with `args: { to, content }`, a side
 * effect crossing the boundary; the content goes to the evaluator only if `buildContext` puts it
 * there. `evaluatorMode: "async"` evaluates without deciding (the verdict is logged at debug).
 *
 * @example
 * const verdict = await createMessageContextCheck({ evaluatorSource: "local" }, logger).check({ to: "bob", content: "hi", channelId: "telegram" });
 */
export function createMessageContextCheck(
  options: ContextualEvaluatorOptions,
  logger: Logger,
): MessageContextCheck {
  // The engine's own resolver: the local scorer, the control plane, or `adapter`.
  const adapter = resolveContextualAdapter(options);
  const eligible = options.eligible ?? (() => true);
  return {
    async check(message) {
      if (adapter === undefined) return NO_OPINION;
      const info: ContextualCallInfo = {
        toolRef: `openclaw:message:${message.channelId}:${message.to}`,
        ref: { server: message.channelId, tool: "message_sending" },
        args: { to: message.to, content: message.content },
        sideEffect: true,
        crossesBoundary: true,
        findings: [],
      };
      if (!eligible(info)) return NO_OPINION;
      const draft = {
        ...baseDraft(info, message),
        ...(options.buildContext?.(info) ?? {}),
      } as EvaluatorInputDraft;
      const evaluating = adapter.evaluate(draft);
      if (options.evaluatorMode === "async") {
        evaluating.then(
          (output) =>
            logger.debug({ decision: output.decision }, "sec0: contextual verdict (async, not enforced)"),
          () => logger.debug({}, "sec0: contextual evaluator failed (async)"),
        );
        return NO_OPINION;
      }
      try {
        const output = await evaluating;
        if (output.decision === "deny") return { reason: "contextual_evaluator_denied" };
        if (output.decision === "escalate") return { reason: "contextual_evaluator_escalated" };
        return NO_OPINION;
      } catch (error) {
        logger.warn(
          { err: error instanceof Error ? error.name : "error" },
          "sec0: contextual evaluator failed",
        );
        return options.onError === "allow" ? NO_OPINION : { fault: "evaluation_error" };
      }
    },
  };
}

function baseDraft(
  info: ContextualCallInfo,
  message: { readonly to: string; readonly channelId: string; readonly sessionKey?: string },
): EvaluatorInputDraft {
  return {
    action: {
      kind: "message",
      summary: `Send a message to ${message.to} on ${message.channelId}`,
      operation: "send",
      sideEffect: true,
      crossesBoundary: true,
      target: { id: message.to, type: "recipient", destination: message.channelId },
    },
    actor: { id: "openclaw-agent", type: "agent" },
    purpose: { summary: "Deliver an outbound message" },
    runtimeContext: {
      integrationSurface: "sec0",
      executionLayer: "openclaw",
      ...(message.sessionKey === undefined ? {} : { runId: message.sessionKey }),
    },
    metadata: { tool_ref: info.toolRef },
  } as EvaluatorInputDraft;
}
