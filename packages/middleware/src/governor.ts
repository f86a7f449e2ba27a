import {
  type AgentStatePayload,
  type AuditSink,
  type Clock,
  computeCallDigest,
  type Decision,
  decide,
  formatToolRef,
  isoTimestamp,
  type Logger,
  reasonSeverity,
  silentLogger,
  systemClock,
  type ToolRef,
} from "@sec0/core";
import { collectCallTargets, evaluatePolicy, type PolicySnapshot, type PolicySource } from "@sec0/policy";
import { type AuditFacts, type AuditFinding, buildAuditEnvelope } from "./audit-envelope.js";
import { readAgentState, readCallContext } from "./call-context.js";
import { type CircuitBreaker, createCircuitBreaker } from "./circuit-breaker.js";
import { contextualReason, evaluateCallContext, resolveContextualAdapter } from "./contextual.js";
import type {
  ExecuteTool,
  GovernedCall,
  GovernedOutcome,
  Refusal,
  ToolDefinition,
  ToolGovernor,
} from "./governor-types.js";
import { resolveIdempotencyKey } from "./idempotency-key.js";
import {
  createMemoryIdempotencyStore,
  executeIdempotently,
  type IdempotencyStore,
} from "./idempotency-store.js";
import { declaredToolVersion } from "./mcp/tool-catalog.js";
import type { MiddlewareOptions } from "./options.js";
import { startTraceExport } from "./otel-export.js";
import { createRefusal } from "./refusal.js";
import { createGuardCache, scanSide } from "./scan-checks.js";
import { causeFromHeaders, endToolSpan, runInToolSpan, startToolSpan } from "./telemetry.js";
import { createToolDefinitionTracker } from "./tool-definition.js";

/** Integrity facts a surface knows about its registry (seed-shape servers: handler hashes). */
export interface RegistryIntegrity {
  readonly frozen: boolean;
  readonly snapshot?: string;
  /** Reasons for this tool now: `handler_swap`, `tool_code_changed`, `registry_mutation`, … */
  reasonsFor(tool: string): readonly string[];
}

/** Dependencies a surface passes to {@link createToolGovernor} beyond the user's options. */
export interface GovernorDeps {
  readonly policySource: PolicySource;
  readonly auditSink: AuditSink;
  readonly registry?: RegistryIntegrity;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

interface CallState {
  readonly started: number;
  facts: Partial<Mutable<AuditFacts>> & { findings: AuditFinding[]; riskTags: string[]; reasons: string[] };
}

/**
 * The enforcement pipeline (DESIGN.md decision 2) shared by every surface. Input checks
 * (allowlist, pinning, idempotency, payload, egress/fs arguments, input detectors and compliance,
 * registry and definition integrity, circuit breaker) all run before `execute`; the decision goes
 * through core's algebra; output checks run after; every call, allowed or refused, gets one audit
 * record with the policy hash and the deciding reason.
 */
export function createToolGovernor(options: MiddlewareOptions, deps: GovernorDeps): ToolGovernor {
  const clock: Clock = options.clock ?? systemClock;
  const logger: Logger = options.logger ?? silentLogger;
  const guardFor = createGuardCache(options);
  const definitions = createToolDefinitionTracker();
  const definitionsByTool = new Map<string, ToolDefinition>();
  const store: IdempotencyStore =
    options.adapters?.idempotencyStore ?? createMemoryIdempotencyStore({ clock });
  const breakers = new WeakMap<object, CircuitBreaker>();
  const reporter = options.adapters?.escalationReporter;
  const verifier = options.adapters?.approvalVerifier;
  const telemetryEnabled = options.telemetry?.enabled !== false;
  const traces = telemetryEnabled ? startTraceExport(options.otel, logger) : undefined;
  const contextual = resolveContextualAdapter(options.contextualEvaluator);

  const breakerFor = (snapshot: PolicySnapshot): CircuitBreaker | undefined => {
    if (snapshot.policy.enforcement?.circuit_breakers === undefined) return undefined;
    let breaker = breakers.get(snapshot.compiled);
    if (breaker === undefined) {
      const config = snapshot.compiled.circuitBreakers;
      breaker = createCircuitBreaker(
        {
          error_rate_pct: config.errorRatePct,
          p95_latency_ms: config.p95LatencyMs,
          min_samples: config.minSamples,
          window: config.window,
          cooldown_ms: config.cooldownMs,
        },
        { clock },
      );
      breakers.set(snapshot.compiled, breaker);
    }
    return breaker;
  };

  const record = async (state: CallState, snapshot: PolicySnapshot | undefined): Promise<boolean> => {
    const facts = state.facts;
    facts.latencyMs = clock.now() - state.started;
    facts.tenant = snapshot?.compiled.tenant ?? options.otel?.tenant ?? "unknown";
    facts.retention = snapshot?.policy.default_retention ?? "unknown";
    facts.policyHash = snapshot?.hash ?? null;
    const complete = facts as AuditFacts;
    const envelope = buildAuditEnvelope(complete);
    const extra = options.augment?.({ toolRef: complete.toolRef, decision: complete.decision });
    const failed = (error: unknown): false => {
      logger.error({ err: (error as Error)?.message, tool: facts.toolRef }, "sec0 audit append failed");
      return false;
    };
    let pending: Promise<void>;
    try {
      pending = deps.auditSink.append(extra === undefined ? envelope : { ...extra, ...envelope });
    } catch (error) {
      return failed(error);
    }
    // The sink keeps records in call order either way. A call waits for its record to be written
    // only when the policy enforces `missing_audit_signature` (then a lost record refuses the call);
    // otherwise the response does not wait for the disk, as 0.2.3's stream writes did not.
    if (snapshot !== undefined && !mustAwaitAudit(snapshot)) {
      pending.catch(failed);
      return true;
    }
    return pending.then(() => true, failed);
  };

  const govern = async (call: GovernedCall, execute: ExecuteTool): Promise<GovernedOutcome> => {
    const started = clock.now();
    const version = call.version ?? call.server.version;
    const ref: ToolRef = {
      server: call.server.name,
      tool: call.tool,
      ...(version === undefined ? {} : { version }),
    };
    const toolRef = formatToolRef(ref);
    const span = startToolSpan({
      server: call.server.name,
      tool: call.tool,
      version,
      headers: call.headers,
      enabled: telemetryEnabled,
      ...(traces === undefined ? {} : { tracer: traces.tracer }),
    });
    const context = readCallContext(call.args, call.headers, call.meta);
    const cause = call.headers === undefined ? undefined : causeFromHeaders(context.headers, span.traceId);
    const state: CallState = {
      started,
      facts: {
        ts: isoTimestamp(started),
        traceId: span.traceId,
        spanId: span.spanId,
        ...(cause === undefined ? {} : { cause }),
        ...(options.otel?.environment === undefined ? {} : { environment: options.otel.environment }),
        ...(options.middlewareHop === undefined ? {} : { hop: options.middlewareHop }),
        serverName: call.server.name,
        ...(call.server.version === undefined ? {} : { serverVersion: call.server.version }),
        tool: call.tool,
        ...(version === undefined ? {} : { version }),
        toolRef,
        op: "read",
        status: "ok",
        args: context.args,
        output: undefined,
        decision: "allow",
        registryFrozen: deps.registry?.frozen ?? false,
        ...(deps.registry?.snapshot === undefined ? {} : { serverSnapshot: deps.registry.snapshot }),
        findings: [],
        riskTags: [],
        reasons: [],
      },
    };
    if (context.evaluatorContextInjected) state.facts.riskTags.push("evaluator_context_ignored");
    let snapshot: PolicySnapshot | undefined;
    const refuse = async (refusal: Refusal): Promise<GovernedOutcome> => {
      state.facts.decision = refusal.decision === "escalate" ? "escalate" : "deny";
      state.facts.decisionReason = refusal.reason;
      state.facts.reasons = [...refusal.reasons];
      if (refusal.escalationId !== undefined) {
        state.facts.escalationId = refusal.escalationId;
        state.facts.escalationStatus = "pending";
      }
      await record(state, snapshot);
      endToolSpan(span, {
        ok: false,
        latencyMs: clock.now() - started,
        attributes: { "sec0.decision": state.facts.decision, "sec0.reason": refusal.reason },
      });
      return { status: "refused", refusal };
    };

    // 1. Policy. Without one nothing can be allowed: fail closed.
    try {
      snapshot = await deps.policySource.get(
        state.facts.nodeId === undefined ? {} : { nodeId: state.facts.nodeId },
      );
    } catch (error) {
      logger.warn({ err: (error as Error)?.message, tool: toolRef }, "sec0 policy unavailable");
      return refuse(createRefusal("deny", "policy_fetch_failed", ["policy_fetch_failed"]));
    }
    const compiled = snapshot.compiled;
    try {
      // 2. Who is calling (optional headers, validated when present).
      let agent: AgentStatePayload | undefined;
      const faults: string[] = [];
      try {
        agent = readAgentState(context.headers);
      } catch (error) {
        faults.push("agent_state_invalid");
        state.facts.error = (error as Error).message;
      }
      if (agent !== undefined) {
        state.facts.nodeId = agent.nodeId;
        if (agent.runId !== undefined) state.facts.agentRef = agent.runId;
      }
      const idempotency = resolveIdempotencyKey({
        meta: call.meta,
        headers: context.headers,
        args: context.args,
      });
      if (idempotency !== undefined) state.facts.idempotencyKey = idempotency.key;

      // 3. Integrity: registry (seed shape) and tool definition pinning (rug pulls).
      const reasons: string[] = [...(deps.registry?.reasonsFor(call.tool) ?? [])];
      const definition = call.definition ?? definitionsByTool.get(`${call.server.name}\u0000${call.tool}`);
      if (definition !== undefined) {
        const seen = definitions.observe(toolRef, definition);
        if (seen.status === "changed") reasons.push("tool_definition_changed");
      }

      // 4. Content: input detectors and compliance rules, before anything runs.
      const guard = guardFor(compiled);
      const input = await scanSide("input", context.args, compiled, guard, options.adapters?.judge);
      reasons.push(...input.reasons);
      faults.push(...input.faults);
      state.facts.findings.push(...input.findings);

      // 5. Static checks and the decision (core's algebra).
      const evaluationFaults = faults.length;
      const evaluation = evaluatePolicy(compiled, {
        tool: ref,
        args: context.args,
        ...(idempotency === undefined ? {} : { idempotencyKey: idempotency.key }),
        ...(agent === undefined ? {} : { nodeId: agent.nodeId }),
        ...(definition?.annotations === undefined ? {} : { annotations: definition.annotations as never }),
        extraReasons: [...reasons],
        faults: [...faults],
        escalationAvailable: reporter !== undefined,
      });
      state.facts.op = evaluation.sideEffect ? "write" : "read";

      // 6. The contextual evaluator, for what rules alone cannot settle. Its verdicts act without
      // being listed in deny_on / escalate_on: enabling it is the decision (ADR 0003).
      const extraDeny: string[] = [];
      const extraEscalate = [...input.escalate];
      if (contextual !== undefined && options.contextualEvaluator !== undefined) {
        try {
          const verdict = await evaluateCallContext(
            contextual,
            options.contextualEvaluator,
            {
              toolRef,
              ref,
              args: context.args,
              sideEffect: evaluation.sideEffect,
              crossesBoundary: crossesBoundary(context.args),
              findings: input.detectorFindings,
              ...(agent === undefined ? {} : { agent }),
            },
            { traceId: span.traceId, spanId: span.spanId },
          );
          const reason = contextualReason(verdict);
          if (verdict !== undefined)
            state.facts.riskTags.push(`evaluator:${verdict.decision}:${verdict.normalizedFingerprint}`);
          if (reason !== undefined && options.contextualEvaluator.evaluatorMode !== "async") {
            reasons.push(reason);
            (reason === "contextual_evaluator_denied" ? extraDeny : extraEscalate).push(reason);
          }
        } catch (error) {
          logger.warn({ err: (error as Error)?.message, tool: toolRef }, "sec0 contextual evaluator failed");
          if (options.contextualEvaluator.onError !== "allow") faults.push("evaluation_error");
        }
      }
      let decision: Decision =
        extraDeny.length === 0 && extraEscalate.length === 0 && faults.length === evaluationFaults
          ? evaluation.decision
          : decide({
              mode: compiled.mode,
              denyOn: [...compiled.denyOn, ...extraDeny],
              escalateOn: [...compiled.escalateOn, ...extraEscalate],
              reasons: [...evaluation.violations, ...reasons],
              faults,
              escalationAvailable: reporter !== undefined,
            });
      if (options.adapters?.runtime !== undefined && options.adapters.runtime.mode === "remote") {
        decision = await remoteDecision(options, compiled, call, ref, agent, decision, state.facts.riskTags);
      }
      state.facts.reasons = [...decision.reasons];
      if (decision.action === "deny") {
        const detail = decision.escalationUnavailable
          ? "It needs a human decision, but no escalation channel is configured."
          : undefined;
        return refuse(
          createRefusal(
            "deny",
            decision.reason ?? "evaluation_error",
            decision.reasons,
            detail === undefined ? {} : { detail },
          ),
        );
      }
      if (decision.action === "escalate") {
        const approved = await checkApproval(context.approvalToken, toolRef, context.args, agent);
        if (approved.status === "approved") state.facts.approvalId = approved.id;
        else if (approved.status === "invalid") {
          return refuse(
            createRefusal("deny", "approval_invalid", [...decision.reasons, "approval_invalid"], {
              detail: approved.why,
            }),
          );
        } else {
          const escalation = await escalate(decision, toolRef, context.args, agent, state, snapshot);
          if (escalation.id === undefined) {
            return refuse(
              createRefusal("deny", decision.reason ?? "escalation_unavailable", decision.reasons, {
                detail: "Creating the escalation failed.",
              }),
            );
          }
          return refuse(
            createRefusal("escalate", decision.reason ?? "escalation", decision.reasons, {
              escalationId: escalation.id,
            }),
          );
        }
      }
      if (decision.mode === "observe" && decision.wouldBe !== "allow") state.facts.decision = "would_deny";
      if (decision.reason !== undefined) state.facts.decisionReason = decision.reason;

      // 7. Circuit breaker: a protective refusal, not a policy decision.
      const breaker = breakerFor(snapshot);
      const breakerKey = toolRef;
      const gate = breaker?.check(breakerKey);
      if (gate !== undefined && !gate.allowed) {
        return refuse(
          createRefusal("deny", "circuit_open", [...decision.reasons, "circuit_open"], {
            retryAfterMs: gate.retryAfterMs,
          }),
        );
      }

      // 8. Run (at most once per idempotency key for side effects).
      const run = async (): Promise<unknown> => {
        const t0 = clock.now();
        try {
          const value = await runInToolSpan(span, () => execute(context.args));
          breaker?.record(breakerKey, { ok: !isToolError(value), latencyMs: clock.now() - t0 });
          return value;
        } catch (error) {
          breaker?.record(breakerKey, { ok: false, latencyMs: clock.now() - t0 });
          throw error;
        }
      };
      let result: unknown;
      let replayed = false;
      try {
        if (evaluation.sideEffect && idempotency !== undefined) {
          const outcome = await executeIdempotently(
            store,
            { key: `${compiled.tenant}|${idempotency.key}`, args: { toolRef, args: context.args } },
            run,
          );
          if (outcome.status === "conflict") {
            return refuse(
              createRefusal("deny", "idempotency_conflict", [...decision.reasons, "idempotency_conflict"]),
            );
          }
          if (outcome.status === "in_flight") {
            return refuse(
              createRefusal("deny", "idempotency_conflict", [...decision.reasons, "idempotency_conflict"], {
                retryAfterMs: 1000,
                detail: "The same key is still running.",
              }),
            );
          }
          replayed = outcome.status === "replayed";
          result = outcome.result;
        } else {
          result = await run();
        }
      } catch (error) {
        state.facts.status = "error";
        state.facts.error = (error as Error)?.message ?? String(error);
        await record(state, snapshot);
        endToolSpan(span, { ok: false, error, latencyMs: clock.now() - started });
        throw new ExecuteError("the tool failed", { cause: error });
      }
      if (replayed) {
        state.facts.replayed = true;
        state.facts.riskTags.push("idempotent_replay");
      }
      if (isToolError(result)) state.facts.status = "error";

      // 9. Output checks: detectors and compliance can redact or withhold.
      const output = await scanSide("output", result, compiled, guard, options.adapters?.judge);
      state.facts.findings.push(...output.findings);
      state.facts.output = result;
      if (output.reasons.length > 0 || output.faults.length > 0) {
        const after = decide({
          mode: compiled.mode,
          denyOn: compiled.denyOn,
          escalateOn: [...compiled.escalateOn, ...output.escalate],
          reasons: output.reasons,
          faults: output.faults,
          escalationAvailable: false,
        });
        if (after.action !== "allow") {
          return refuse(
            createRefusal("withheld", after.reason ?? "output_withheld", [
              ...state.facts.reasons,
              ...after.reasons,
              "output_withheld",
            ]),
          );
        }
        if (after.wouldBe !== undefined && after.wouldBe !== "allow") state.facts.decision = "would_deny";
        state.facts.reasons.push(...after.reasons.filter((r) => !state.facts.reasons.includes(r)));
      }
      if (output.redacted !== undefined) {
        result = output.redacted;
        state.facts.decision = "redact";
        state.facts.riskTags.push("output_redacted");
      }

      // 10. Audit: a record that cannot be written is `missing_audit_signature`.
      const written = await record(state, snapshot);
      if (!written) {
        const audit = decide({
          mode: compiled.mode,
          denyOn: compiled.denyOn,
          reasons: ["missing_audit_signature"],
          escalationAvailable: false,
        });
        if (audit.action !== "allow") {
          endToolSpan(span, { ok: false, latencyMs: clock.now() - started });
          return {
            status: "refused",
            refusal: createRefusal("withheld", "missing_audit_signature", ["missing_audit_signature"]),
          };
        }
      }
      endToolSpan(span, {
        ok: state.facts.status === "ok",
        latencyMs: clock.now() - started,
        attributes: { "sec0.decision": state.facts.decision },
      });
      return { status: "ok", result, decision, ...(replayed ? { replayed } : {}) };
    } catch (error) {
      // A bug or an unexpected failure inside evaluation: fail closed (DESIGN.md decision 3).
      if (error instanceof ExecuteError) throw error.cause;
      logger.error({ err: (error as Error)?.message, tool: toolRef }, "sec0 evaluation failed");
      state.facts.error = (error as Error)?.message ?? String(error);
      return refuse(createRefusal("deny", "evaluation_error", ["evaluation_error"]));
    }
  };

  const checkApproval = async (
    token: string | undefined,
    toolRef: string,
    args: Readonly<Record<string, unknown>>,
    agent: AgentStatePayload | undefined,
  ): Promise<
    { status: "none" } | { status: "approved"; id: string } | { status: "invalid"; why: string }
  > => {
    if (token === undefined) return { status: "none" };
    if (verifier === undefined) return { status: "invalid", why: "No approval verifier is configured." };
    const callDigest = computeCallDigest({
      toolRef,
      args,
      nodeId: agent?.nodeId ?? null,
      runId: agent?.runId ?? null,
    });
    try {
      const verdict = await verifier.verify({
        token,
        toolRef,
        callDigest,
        ...(agent?.nodeId === undefined ? {} : { nodeId: agent.nodeId }),
        ...(agent?.runId === undefined ? {} : { runId: agent.runId }),
      });
      if (verdict.valid && verdict.approval !== undefined)
        return { status: "approved", id: verdict.approval.id };
      return {
        status: "invalid",
        why: `The approval token was refused (${verdict.invalid_reason ?? "invalid"}).`,
      };
    } catch (error) {
      return { status: "invalid", why: `The approval could not be verified: ${(error as Error).message}` };
    }
  };

  const escalate = async (
    decision: Decision,
    toolRef: string,
    args: Readonly<Record<string, unknown>>,
    agent: AgentStatePayload | undefined,
    state: CallState,
    snapshot: PolicySnapshot,
  ): Promise<{ id?: string }> => {
    if (reporter === undefined) return {};
    const reason = decision.reason ?? "escalation";
    try {
      const created = await reporter.create({
        tenant: snapshot.compiled.tenant,
        content: `Policy escalated ${toolRef} due to ${reason}.`,
        violation: reason,
        severity: reasonSeverity(reason),
        toolRef,
        callDigest: computeCallDigest({
          toolRef,
          args,
          nodeId: agent?.nodeId ?? null,
          runId: agent?.runId ?? null,
        }),
        ...(agent?.nodeId === undefined ? {} : { nodeId: agent.nodeId }),
        ...(agent?.runId === undefined ? {} : { agentRef: agent.runId }),
        ttlSeconds: snapshot.compiled.escalation.ttlSeconds,
        timeoutAction: "auto_reject",
        metadata: {
          source: "sec0",
          layer: "middleware",
          tool_ref: toolRef,
          reasons: [...decision.reasons],
          trace_id: state.facts.traceId ?? null,
          findings: state.facts.findings
            .slice(0, 25)
            .map((f) => ({ code: f.code, severity: f.severity, message: f.message })),
        },
      });
      return { id: created.id };
    } catch (error) {
      state.facts.escalationError = (error as Error).message;
      return {};
    }
  };

  return {
    govern,
    async filterToolList(server, tools) {
      let snapshot: PolicySnapshot;
      try {
        snapshot = await deps.policySource.get();
      } catch {
        return []; // no policy: list nothing (fail closed)
      }
      const visible: ToolDefinition[] = [];
      for (const tool of tools) {
        const version = declaredToolVersion(tool) ?? server.version;
        const ref = { server: server.name, tool: tool.name, ...(version === undefined ? {} : { version }) };
        definitionsByTool.set(`${server.name}\u0000${tool.name}`, tool);
        const toolRef = formatToolRef(ref);
        definitions.observe(toolRef, tool);
        if (snapshot.compiled.allowlist.match(ref).matched || snapshot.compiled.mode === "observe")
          visible.push(tool);
      }
      return visible;
    },
    async close() {
      await traces?.shutdown();
      await deps.auditSink.flush?.();
      const closable = deps.auditSink as { close?: () => Promise<void> };
      await closable.close?.();
      deps.policySource.close();
    },
  };
}

function mustAwaitAudit(snapshot: PolicySnapshot): boolean {
  return snapshot.compiled.mode === "enforce" && snapshot.compiled.denyOn.includes("missing_audit_signature");
}

/** Carries a tool's own failure past the fail-closed handler, which rethrows its cause unchanged. */
class ExecuteError extends Error {}

/** True when the call names a URL or a file path (the targets the static checks look at). */
function crossesBoundary(args: Readonly<Record<string, unknown>>): boolean {
  const targets = collectCallTargets(args, undefined, undefined);
  return targets.urls.length > 0 || targets.paths.length > 0;
}

function isToolError(value: unknown): boolean {
  return typeof value === "object" && value !== null && (value as { isError?: unknown }).isError === true;
}

async function remoteDecision(
  options: MiddlewareOptions,
  compiled: PolicySnapshot["compiled"],
  call: GovernedCall,
  ref: ToolRef,
  agent: AgentStatePayload | undefined,
  local: Decision,
  riskTags: readonly string[],
): Promise<Decision> {
  const runtime = options.adapters?.runtime;
  if (runtime === undefined) return local;
  const evaluation = await runtime.evaluate(
    {
      protocolVersion: "2026-02-01",
      requestId: `${formatToolRef(ref)}:${Date.now().toString(36)}`,
      context: {
        integrationSurface: "sec0",
        executionLayer: "middleware",
        tenant: compiled.tenant,
        server: call.server.name,
        tool: ref.version === undefined ? ref.tool : `${ref.tool}@${ref.version}`,
        ...(agent?.nodeId === undefined ? {} : { nodeId: agent.nodeId }),
        ...(agent?.runId === undefined ? {} : { runId: agent.runId }),
      },
      enforcement: {
        mode: compiled.mode,
        strategy: "deny_on_match",
        denyOn: [...compiled.denyOn],
        escalateOn: [...compiled.escalateOn],
        forceDeny: false,
      },
      input: { reasons: [...local.reasons], riskTags: [...riskTags], attributes: {} },
    },
    { escalationAvailable: options.adapters?.escalationReporter !== undefined },
  );
  const action = evaluation.decision;
  return {
    action,
    ...(evaluation.reason === undefined ? {} : { reason: evaluation.reason }),
    reasons: evaluation.reasons.length > 0 ? evaluation.reasons : local.reasons,
    mode: compiled.mode,
  };
}
