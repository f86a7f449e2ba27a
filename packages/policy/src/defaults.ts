/**
 * Every default of the policy language, in one place. The schema never injects values: a parsed
 * policy is what the author wrote, and `compilePolicy` resolves missing fields from this table.
 * The README's defaults table mirrors it; keep both in step.
 */
export const POLICY_DEFAULTS = Object.freeze({
  /** `default_retention` when absent. */
  defaultRetention: "30d",
  /** `tools.allowlist` when absent: every tool (observe-first; add entries to restrict). */
  toolsAllowlist: Object.freeze(["*"]) as readonly string[],
  /** `tools.deny_if_unpinned_version`. */
  denyIfUnpinnedVersion: false,
  /** `side_effects.require_idempotency_key` (and `security.side_effects.require_idempotency_key`). */
  requireIdempotencyKey: false,
  /** `side_effects.idempotency_ttl`: how long a completed side effect is replayed for its key. */
  idempotencyTtl: "24h",
  /** `side_effects.max_retries`. */
  maxRetries: 0,
  /** `enforcement.deny_on` / `escalate_on`. */
  denyOn: Object.freeze([]) as readonly string[],
  escalateOn: Object.freeze([]) as readonly string[],
  /** `enforcement.remote_may_override`: a remote runtime's allow never lifts a local deny. */
  remoteMayOverride: false,
  circuitBreakers: Object.freeze({
    /** Trip when this share of the window failed; 100 means only when every call failed. */
    errorRatePct: 100,
    /** Trip when the window's p95 latency reaches this; 0 disables the latency trip. */
    p95LatencyMs: 0,
    /** Calls needed in the window before the breaker may trip. */
    minSamples: 20,
    /** Number of most recent calls per tool the breaker looks at. */
    window: 100,
    /** How long an open breaker stays open before letting a trial call through. */
    cooldownMs: 30_000,
  }),
  agentGuard: Object.freeze({
    enabled: false,
    blockOnSeverity: "high" as const,
    scanInputs: true,
    scanOutputs: true,
    maxScanBytes: 1_048_576,
  }),
  compliance: Object.freeze({
    /** 0.2.3's default for an NL rule without `threshold`. */
    nlThreshold: 50,
    location: "both" as const,
    severity: "medium" as const,
    /** What a failing judge means for an NL rule: a fault (deny in enforce, recorded in observe). */
    onJudgeError: "deny" as const,
    /** Characters of text sent to a judge per request (one chunk). */
    maxJudgeChars: 8000,
    /** Characters each chunk repeats of the one before, so a phrase on a boundary is seen whole. */
    judgeChunkOverlap: 500,
    /** Chunks judged per text; a longer text is a judge failure ("too large to judge"). */
    maxJudgeChunks: 16,
    /** `compliance.judge_timeout_ms`: one judge request taking longer is a judge failure. */
    judgeTimeoutMs: 10_000,
    /** Findings kept per scan. */
    maxFindings: 50,
  }),
  /** `sast`: off when the section is absent; these apply once it is enabled. */
  sast: Object.freeze({
    enabled: false,
    mode: "sync" as const,
    blockOnChange: true,
    blockOnSeverity: "high" as const,
    /** How long a result for one code identity is trusted. */
    cacheTtl: "24h",
    /** How long a sync wait may take. */
    timeoutMs: 10_000,
    scanner: "builtin" as const,
    semgrepBin: "semgrep",
    semgrepTimeoutMs: 60_000,
  }),
  /** `dast`: off when the section is absent; `rule_ttl` has no default (required when enabled). */
  dast: Object.freeze({
    enabled: false,
    mode: "sync" as const,
    blockOnChange: true,
    blockOnSeverity: "high" as const,
    /** Per probe. */
    timeoutMs: 5000,
    maxProbes: 32,
    nucleiBin: "nuclei",
    nucleiTimeoutMs: 120_000,
    /** `nuclei.severity`: every severity, as nuclei runs without a filter. */
    nucleiSeverity: Object.freeze(["low", "medium", "high", "critical"] as const),
  }),
  /** `skills`: off when the section is absent, on (`enabled` true) when it is present. */
  skills: Object.freeze({
    enabled: false,
    enabledWhenPresent: true,
    denyIfUnpinnedVersion: false,
    scanOnChangeOnly: true,
    blockOnChange: false,
    blockOnSeverity: "high" as const,
  }),
  limits: Object.freeze({
    /** `security.limits.max_payload_kb`: unset means no payload limit. */
    maxPayloadKb: undefined as number | undefined,
    maxDurationMs: undefined as number | undefined,
  }),
  escalation: Object.freeze({
    ttlSeconds: 3600,
    onTimeout: "auto_reject" as const,
  }),
  authn: Object.freeze({
    claims: Object.freeze({ tenant: "org", user: "email", roles: "roles", subject: "sub", clientId: "azp" }),
    clockToleranceSeconds: 60,
    algorithms: Object.freeze(["RS256", "ES256", "EdDSA"]) as readonly string[],
  }),
  dedupe: Object.freeze({ enabled: true, ttlSeconds: 1800, namespace: "idem", replayWaitMs: 2000 }),
});
