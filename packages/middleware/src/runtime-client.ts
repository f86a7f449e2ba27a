import {
  decide,
  type Logger,
  RUNTIME_PROTOCOL_VERSION,
  type RuntimeDecisionOutput,
  type RuntimeDecisionRequest,
  RuntimeDecisionRequestSchema,
  RuntimeDecisionResponseSchema,
  type RuntimeEvaluationSource,
  Sec0Error,
  silentLogger,
} from "@sec0/core";
import type { RuntimeConfig } from "./runtime-config.js";

/** Reason recorded when the remote runtime could not decide and the failure mode answered. */
export const RUNTIME_UNAVAILABLE_REASON = "runtime_unavailable";

/** Why a remote evaluation failed. */
export interface RuntimeFailure {
  readonly kind: "timeout" | "network" | "http" | "invalid_response";
  /** HTTP status, for `http` and `invalid_response`. */
  readonly status?: number;
  readonly attempts: number;
}

/** A runtime decision; `failure` is set when a failure mode produced it. */
export type RuntimeEvaluation = RuntimeDecisionOutput & { readonly failure?: RuntimeFailure };

/** Options of one evaluation. */
export interface RuntimeEvaluateOptions {
  /** Whether an escalation channel exists (local decisions turn an escalation into a deny without one). */
  readonly escalationAvailable?: boolean;
}

/** Makes runtime decisions locally or through `POST /v1/runtime/evaluate`. */
export interface RuntimeClient {
  readonly mode: RuntimeConfig["mode"];
  /**
   * Decides one request. Never throws for an unavailable service: the failure mode answers.
   * @throws {Sec0Error} `MIDDLEWARE_RUNTIME_REQUEST_INVALID` when `request` breaks the protocol.
   */
  evaluate(request: RuntimeDecisionRequest, options?: RuntimeEvaluateOptions): Promise<RuntimeEvaluation>;
}

/** Dependencies of {@link createRuntimeClient}. */
export interface RuntimeClientDeps {
  /** Waits between retries (default a timer); inject to test backoff without waiting. */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly logger?: Logger;
}

/**
 * Decides a runtime request with the local algebra (`decide`): `deny_on_any` denies on every
 * reason, `forceDeny` denies when there is any reason, `escalateOn` escalates.
 *
 * @example
 * evaluateLocally(request).decision; // "allow" | "deny" | "escalate"
 */
export function evaluateLocally(
  request: RuntimeDecisionRequest,
  options: RuntimeEvaluateOptions = {},
  source: { adapterMode: "local" | "remote"; evaluationSource: RuntimeEvaluationSource } = {
    adapterMode: "local",
    evaluationSource: "local",
  },
): RuntimeEvaluation {
  const { enforcement, input } = request;
  const decision = decide({
    mode: enforcement.mode,
    denyOn: enforcement.strategy === "deny_on_any" ? input.reasons : enforcement.denyOn,
    escalateOn: enforcement.escalateOn ?? [],
    reasons: input.reasons,
    escalationAvailable: options.escalationAvailable ?? false,
  });
  const forced = enforcement.forceDeny && decision.reasons.length > 0;
  const action = forced ? "deny" : decision.action;
  const reason = forced ? decision.reasons[0] : decision.reason;
  return {
    protocolVersion: RUNTIME_PROTOCOL_VERSION,
    ...source,
    decision: action,
    ...(reason === undefined ? {} : { reason }),
    reasons: [...decision.reasons],
    obligations: [],
    auditRefs: [],
  };
}

/**
 * Creates the runtime client. Remote mode posts the request with `Authorization: Bearer <key>`,
 * a per-attempt timeout and up to `maxRetries` retries with linear backoff — only after a network
 * error, a timeout, a 5xx or a 429 (a 4xx or an invalid reply is final). When every attempt
 * failed, `failureMode` answers: `local` → the local decision (`fallback-local`), `allow` →
 * allow (`fallback-allow`), `deny` → deny (`fallback-deny`), with reason `runtime_unavailable`.
 *
 * @example
 * const runtime = createRuntimeClient(resolveRuntimeConfig({}, process.env));
 * const { decision } = await runtime.evaluate(request);
 */
export function createRuntimeClient(config: RuntimeConfig, deps: RuntimeClientDeps = {}): RuntimeClient {
  const sleep = deps.sleep ?? defaultSleep;
  const logger = deps.logger ?? silentLogger;
  return {
    mode: config.mode,
    async evaluate(request, options = {}) {
      const checked = RuntimeDecisionRequestSchema.safeParse(request);
      if (!checked.success) {
        const issue = checked.error.issues[0];
        throw new Sec0Error(
          "MIDDLEWARE_RUNTIME_REQUEST_INVALID",
          `Runtime decision request is invalid at ${issue?.path.join(".") || "(root)"}: ${issue?.message}.`,
          { details: { path: issue?.path.map(String) ?? [] } },
        );
      }
      if (config.mode === "local" || config.endpoint === undefined) return evaluateLocally(request, options);
      const outcome = await evaluateRemotely(config, checked.data, sleep);
      if ("output" in outcome) return outcome.output;
      logger.warn(
        { kind: outcome.failure.kind, status: outcome.failure.status, attempts: outcome.failure.attempts },
        "remote runtime evaluation failed; applying failure mode",
      );
      return fallback(config, request, options, outcome.failure);
    },
  };
}

type AttemptResult =
  | { output: RuntimeEvaluation }
  | { failure: Omit<RuntimeFailure, "attempts">; retryable: boolean };

async function evaluateRemotely(
  config: RuntimeConfig,
  request: RuntimeDecisionRequest,
  sleep: (ms: number) => Promise<void>,
): Promise<{ output: RuntimeEvaluation } | { failure: RuntimeFailure }> {
  const body = JSON.stringify(request);
  let last: Omit<RuntimeFailure, "attempts"> = { kind: "network" };
  for (let attempt = 1; attempt <= config.maxRetries + 1; attempt += 1) {
    const result = await attemptOnce(config, body);
    if ("output" in result) return result;
    last = result.failure;
    if (!result.retryable || attempt > config.maxRetries) return { failure: { ...last, attempts: attempt } };
    if (config.retryBackoffMs > 0) await sleep(config.retryBackoffMs * attempt);
  }
  return { failure: { ...last, attempts: config.maxRetries + 1 } };
}

async function attemptOnce(config: RuntimeConfig, body: string): Promise<AttemptResult> {
  let response: Response;
  let text: string;
  try {
    response = await fetch(config.endpoint as string, {
      method: "POST",
      headers: {
        ...config.headers,
        "content-type": "application/json",
        accept: "application/json",
        ...(config.authorization === undefined ? {} : { authorization: config.authorization }),
      },
      body,
      signal: AbortSignal.timeout(config.timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    const name = (error as { name?: unknown } | null)?.name;
    const kind = name === "TimeoutError" || name === "AbortError" ? "timeout" : "network";
    return { failure: { kind }, retryable: true };
  }
  if (!response.ok) {
    const retryable = response.status >= 500 || response.status === 429;
    return { failure: { kind: "http", status: response.status }, retryable };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { failure: { kind: "invalid_response", status: response.status }, retryable: false };
  }
  const parsed = RuntimeDecisionResponseSchema.safeParse(json);
  if (!parsed.success)
    return { failure: { kind: "invalid_response", status: response.status }, retryable: false };
  const { decision } = parsed.data;
  return {
    output: {
      protocolVersion: RUNTIME_PROTOCOL_VERSION,
      adapterMode: "remote",
      evaluationSource: "remote",
      decision: decision.action,
      ...(decision.reason === undefined ? {} : { reason: decision.reason }),
      reasons: [...decision.reasons],
      obligations: [...decision.obligations],
      auditRefs: [...decision.auditRefs],
    },
  };
}

function fallback(
  config: RuntimeConfig,
  request: RuntimeDecisionRequest,
  options: RuntimeEvaluateOptions,
  failure: RuntimeFailure,
): RuntimeEvaluation {
  if (config.failureMode === "local") {
    return {
      ...evaluateLocally(request, options, { adapterMode: "remote", evaluationSource: "fallback-local" }),
      failure,
    };
  }
  const reasons = [...new Set([...request.input.reasons, RUNTIME_UNAVAILABLE_REASON])];
  return {
    protocolVersion: RUNTIME_PROTOCOL_VERSION,
    adapterMode: "remote",
    evaluationSource: config.failureMode === "allow" ? "fallback-allow" : "fallback-deny",
    decision: config.failureMode === "allow" ? "allow" : "deny",
    reason: RUNTIME_UNAVAILABLE_REASON,
    reasons,
    obligations: [],
    auditRefs: [],
    failure,
  };
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
