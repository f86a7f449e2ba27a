import { type AllowlistMatch, type Decision, decide, isPinned, parseToolRef, type ToolRef } from "@sec0/core";
import { BoundedCache } from "./bounded-cache.js";
import { collectCallTargets } from "./call-targets.js";
import { type CompiledPolicy, compilePolicy } from "./compile-policy.js";
import type { Policy } from "./schema/policy-schema.js";
import { classifySideEffect, type ToolAnnotations } from "./side-effects.js";

/** One call as the static checks see it. */
export interface PolicyCallContext {
  /** `mcp://server/tool@version`, `tool@version`, or a parsed reference. */
  readonly tool: string | ToolRef;
  readonly args?: unknown;
  readonly idempotencyKey?: string;
  /** Size of the serialised arguments, when the caller already knows it (saves a `JSON.stringify`). */
  readonly payloadBytes?: number;
  /** URLs the call will contact, checked along with those its arguments name (see `collectCallTargets`). */
  readonly urls?: readonly string[];
  /** Paths the call will touch, checked along with those its arguments name. */
  readonly paths?: readonly string[];
  /** The tool's JSON Schema for its arguments (MCP `inputSchema`): `format: uri` marks URL arguments. */
  readonly inputSchema?: unknown;
  readonly nodeId?: string;
  /**
   * Side-effect declaration by the surface's own code, never taken from the caller (wins over
   * annotations and the tool name; the policy's `side_effects.tools` wins over it).
   */
  readonly sideEffect?: boolean;
  /** The tool definition's MCP annotations (`readOnlyHint`, `destructiveHint`), from its server. */
  readonly annotations?: ToolAnnotations;
  /** Reasons found by other checks (detectors, integrity), decided together with these. */
  readonly extraReasons?: readonly string[];
  readonly faults?: readonly string[];
  /** Whether an escalation channel exists; without one an escalation becomes a deny. */
  readonly escalationAvailable?: boolean;
}

/** What {@link evaluatePolicy} found and decided. */
export interface PolicyEvaluation {
  readonly violations: readonly string[];
  readonly decision: Decision;
  readonly sideEffect: boolean;
  readonly allowlistMatch: AllowlistMatch;
  readonly ref: ToolRef;
}

const cache = new WeakMap<Policy, CompiledPolicy>();
const refs = new BoundedCache<ToolRef>(4096);
// `decide` is pure; its answer depends only on the policy and (reasons, faults, channel), which
// repeat call after call, so each compiled policy memoises it.
const decisions = new WeakMap<CompiledPolicy, BoundedCache<Decision>>();

/**
 * Runs the static checks (allowlist, pinning, idempotency, payload size, egress, filesystem) on one
 * call and decides through core's `decide`. The egress and filesystem checks look at every URL and
 * path the arguments name (see `collectCallTargets`), and only when the policy has such rules. Pass a `CompiledPolicy` (a plain `Policy` is compiled
 * once and cached). Violations are reported in that order.
 *
 * @throws {Sec0Error} `CORE_TOOL_REF_INVALID` when `context.tool` is not a tool reference.
 * @example
 * const { decision } = evaluatePolicy(compiled, { tool: "mcp://files/write@1.0", args: { path: "/etc/x" } });
 */
export function evaluatePolicy(
  policy: CompiledPolicy | Policy,
  context: PolicyCallContext,
): PolicyEvaluation {
  const compiled = isCompiled(policy) ? policy : compiledFor(policy);
  const ref =
    typeof context.tool === "string"
      ? refs.getOrCompute(context.tool, () => parseToolRef(context.tool as string))
      : context.tool;
  const violations: string[] = [];
  const allowlistMatch = compiled.allowlist.match(ref);
  if (!allowlistMatch.matched) violations.push("tool_not_in_allowlist");
  else if (isUnpinned(compiled, ref, allowlistMatch)) violations.push("version_unpinned");
  const policyClass = compiled.sideEffectClasses?.classOf(ref);
  const sideEffect = classifySideEffect({
    tool: ref,
    args: context.args,
    ...(policyClass === undefined ? {} : { policyClass }),
    ...(context.sideEffect === undefined ? {} : { sideEffect: context.sideEffect }),
    ...(context.annotations === undefined ? {} : { annotations: context.annotations }),
  }).sideEffect;
  if (compiled.requireIdempotencyKey && sideEffect && !context.idempotencyKey) {
    violations.push("missing_idempotency_for_side_effect");
  }
  if (compiled.maxPayloadBytes !== undefined && payloadBytes(context) > compiled.maxPayloadBytes) {
    violations.push("payload_too_large");
  }
  if (compiled.egress !== undefined || compiled.fs !== undefined)
    checkTargets(compiled, context, ref, violations);
  const reasons = context.extraReasons === undefined ? violations : [...violations, ...context.extraReasons];
  const decision = decideOnce(compiled, reasons, context.faults ?? [], context.escalationAvailable ?? false);
  return { violations, decision, sideEffect, allowlistMatch, ref };
}

function decideOnce(
  compiled: CompiledPolicy,
  reasons: readonly string[],
  faults: readonly string[],
  escalationAvailable: boolean,
): Decision {
  let memo = decisions.get(compiled);
  if (memo === undefined) {
    memo = new BoundedCache<Decision>(256);
    decisions.set(compiled, memo);
  }
  const key = `${reasons.join(",")}|${faults.join(",")}|${escalationAvailable ? 1 : 0}`;
  return memo.getOrCompute(key, () =>
    Object.freeze(
      decide({
        mode: compiled.mode,
        denyOn: compiled.denyOn,
        escalateOn: compiled.escalateOn,
        reasons: [...reasons],
        faults: [...faults],
        escalationAvailable,
      }),
    ),
  );
}

function isUnpinned(
  compiled: CompiledPolicy,
  ref: ToolRef,
  match: AllowlistMatch & { matched: true },
): boolean {
  const allowed = ref.server === undefined ? undefined : compiled.allowVersions.get(ref.server);
  if (allowed !== undefined && (ref.version === undefined || !allowed.has(ref.version))) return true;
  if (!compiled.denyIfUnpinnedVersion || isPinned(ref)) return false;
  // An entry that spells "any version" for a tool (versionless or `@*`) relaxes pinning (0.2.3).
  return !(match.kind === "any-version" || match.entry.trim().endsWith("@*"));
}

/**
 * Egress and filesystem checks over every target the call names. Targets past the walk's limits
 * cannot be shown to be allowed, so they violate their check (fail closed), and
 * `targets_unchecked` says why.
 */
function checkTargets(
  compiled: CompiledPolicy,
  context: PolicyCallContext,
  ref: ToolRef,
  violations: string[],
): void {
  const { egress, fs } = compiled;
  const mapped = compiled.targetArguments?.forTool(ref);
  const targets = collectCallTargets(context.args, context.urls, context.paths, {
    fs: fs !== undefined,
    egress: egress !== undefined,
    ...(context.inputSchema === undefined ? {} : { inputSchema: context.inputSchema }),
    ...(mapped === undefined ? {} : { mapped }),
  });
  const { unchecked } = targets;
  const egressUnchecked = egress !== undefined && unchecked.egress;
  const fsUnchecked = fs !== undefined && unchecked.fs;
  if (egress !== undefined && (egressUnchecked || targets.urls.some((url) => !egress.isAllowed(url)))) {
    violations.push("egress_violation");
  }
  if (fs !== undefined && (fsUnchecked || targets.paths.some((path) => !fs.isAllowed(path)))) {
    violations.push("fs_violation");
  }
  if (egressUnchecked || fsUnchecked) violations.push("targets_unchecked");
}

function payloadBytes(context: PolicyCallContext): number {
  if (context.payloadBytes !== undefined) return context.payloadBytes;
  if (context.args === undefined) return 0;
  return Buffer.byteLength(JSON.stringify(context.args) ?? "", "utf8");
}

function isCompiled(policy: CompiledPolicy | Policy): policy is CompiledPolicy {
  return (
    "allowlist" in policy &&
    "policy" in policy &&
    typeof (policy as CompiledPolicy).allowlist?.match === "function"
  );
}

function compiledFor(policy: Policy): CompiledPolicy {
  let compiled = cache.get(policy);
  if (compiled === undefined) {
    compiled = compilePolicy(policy);
    cache.set(policy, compiled);
  }
  return compiled;
}
