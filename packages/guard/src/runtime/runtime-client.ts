import {
  evaluateLocally,
  type Logger,
  type RuntimeEvaluateOptions,
  type RuntimeEvaluation,
  type RuntimeFailure,
  Sec0Error,
  silentLogger,
} from "@sec0/core";
import {
  RUNTIME_PROTOCOL_VERSION,
  type RuntimeDecisionRequest,
  RuntimeDecisionRequestSchema,
  type RuntimeDecisionResponse,
} from "@sec0/core/contracts";
import {
  type ControlPlaneClient,
  controlPlaneFailureOf,
  createControlPlaneClient,
} from "@sec0/core/control-plane";
import type { RuntimeConfig } from "./runtime-config.js";

/** Reason recorded when the remote runtime could not decide and the failure mode answered. */
export const RUNTIME_UNAVAILABLE_REASON = "runtime_unavailable";

/** Makes runtime decisions locally or through `POST /v1/runtime/evaluate`. */
export interface RuntimeClient {
  readonly mode: RuntimeConfig["mode"];
  /**
   * Decides one request. Never throws for an unavailable service: the failure mode answers.
   * @throws {Sec0Error} `GUARD_RUNTIME_REQUEST_INVALID` when `request` breaks the protocol.
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
  const logger = deps.logger ?? silentLogger;
  const remote = config.mode === "remote" ? createRemote(config, deps) : undefined;
  return {
    mode: config.mode,
    async evaluate(request, options = {}) {
      const checked = RuntimeDecisionRequestSchema.safeParse(request);
      if (!checked.success) {
        const issue = checked.error.issues[0];
        throw new Sec0Error(
          "GUARD_RUNTIME_REQUEST_INVALID",
          `Runtime decision request is invalid at ${issue?.path.join(".") || "(root)"}: ${issue?.message}.`,
          { details: { path: issue?.path.map(String) ?? [] } },
        );
      }
      if (remote === undefined) return evaluateLocally(request, options);
      const outcome = await evaluateRemotely(remote, checked.data);
      if ("output" in outcome) return outcome.output;
      logger.warn(
        { kind: outcome.failure.kind, status: outcome.failure.status, attempts: outcome.failure.attempts },
        "remote runtime evaluation failed; applying failure mode",
      );
      return fallback(config, request, options, outcome.failure);
    },
  };
}

interface Remote {
  readonly client: ControlPlaneClient;
  /** Path (and query) of the endpoint; the client's base URL is its origin. */
  readonly path: string;
}

function createRemote(config: RuntimeConfig, deps: RuntimeClientDeps): Remote | undefined {
  if (config.endpoint === undefined) return undefined;
  const endpoint = new URL(config.endpoint);
  const client = createControlPlaneClient({
    baseUrl: endpoint.origin,
    authorization: config.authorization,
    headers: config.headers,
    timeoutMs: config.timeoutMs,
    retries: config.maxRetries,
    retryBackoffMs: config.retryBackoffMs,
    sleep: deps.sleep,
  });
  return { client, path: `${endpoint.pathname}${endpoint.search}` };
}

async function evaluateRemotely(
  remote: Remote,
  request: RuntimeDecisionRequest,
): Promise<{ output: RuntimeEvaluation } | { failure: RuntimeFailure }> {
  let response: RuntimeDecisionResponse;
  try {
    response = await remote.client.evaluateRuntime(request, { path: remote.path });
  } catch (error) {
    return { failure: toRuntimeFailure(error) };
  }
  const { decision } = response;
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

/** The documented failure kinds of the runtime client, from the control-plane client's error. */
function toRuntimeFailure(error: unknown): RuntimeFailure {
  const failure = controlPlaneFailureOf(error);
  if (failure === undefined) throw error;
  const kind =
    failure.kind === "invalid_json" || failure.kind === "contract_violation" || failure.kind === "too_large"
      ? "invalid_response"
      : failure.kind;
  return {
    kind,
    ...(failure.status === undefined ? {} : { status: failure.status }),
    attempts: failure.attempts,
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
