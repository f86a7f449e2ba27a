import { type AuditSink, type Logger, sha256Hex } from "@sec0/core";
import { createFileScanStore, createSkillGate, type SkillGate, type SkillVerdict } from "@sec0/guard";
import type { PolicySnapshot, PolicySource } from "@sec0/policy";
import type {
  MoltbotSkillDescriptor,
  MoltbotSkillResolveInput,
  MoltbotSkillsConfig,
} from "./moltbot-config.js";

/** What a skill check adds to a tool call: the reasons it refuses with, and the audit facts. */
export interface SkillCheckOutcome {
  /** The gate's refusing reasons (`skill_scan_failed`, `version_unpinned`, …); empty when allowed. */
  readonly faults: readonly string[];
  readonly skill: {
    readonly ref: string;
    readonly allowed: boolean;
    readonly change: SkillVerdict["change"];
    readonly cached: boolean;
  };
}

/** Checks the skill a tool call runs, before the call is decided. */
export interface SkillCheck {
  /** `undefined` when `skills.resolve` names no skill for the call. */
  check(input: MoltbotSkillResolveInput): Promise<SkillCheckOutcome | undefined>;
  /** Waits for scans in flight and writes the scan store and the baseline. */
  close(): Promise<void>;
}

/** What {@link createSkillCheck} is built from. */
export interface SkillCheckOptions {
  readonly skills: MoltbotSkillsConfig;
  /** The hooks' policy: its `skills` section (with the config's keys over it) builds the gate. */
  readonly policySource: PolicySource;
  /** The signed audit log: the gate writes one `node_type: "skill"` record per check. */
  readonly auditSink: AuditSink;
  /** Resolves `.sec0/skills-baseline.json` and `.sec0/scans` (and a policy's `skills.baseline`). */
  readonly resolvePath: (path: string) => string;
  readonly tenant: string;
  readonly logger: Logger;
  readonly now?: () => number;
}

const DEFAULT_BASELINE = ".sec0/skills-baseline.json";
const SCANS_DIR = ".sec0/scans";

/**
 * Creates the skill check of the OpenClaw hooks over `@sec0/guard`'s skill gate: one gate per
 * policy version (its `skills` section, enabled, with `scanOnChangeOnly` / `blockOnChange` /
 * `blockOnSeverity` from the config winning), a verdict reused for `cacheTtlMs`, and `onScan`
 * told of each check. A ref that does not parse throws (`POLICY_SKILL_REF_INVALID`): the hooks
 * then fail closed.
 *
 * @example
 * const outcome = await skillCheck.check({ toolName: "pdf_extract", params: {} });
 * if (outcome !== undefined && outcome.faults.length > 0) console.log(outcome.faults);
 */
export function createSkillCheck(options: SkillCheckOptions): SkillCheck {
  const now = options.now ?? Date.now;
  const store = createFileScanStore(options.resolvePath(SCANS_DIR), options.logger);
  const cache = new Map<string, { readonly at: number; readonly verdict: SkillVerdict }>();
  let current: { readonly hash: string; readonly gate: SkillGate } | undefined;
  const retired: Promise<void>[] = [];
  const gateFor = (snapshot: PolicySnapshot): SkillGate => {
    if (current?.hash === snapshot.hash) return current.gate;
    if (current !== undefined) retired.push(current.gate.close());
    cache.clear();
    current = { hash: snapshot.hash, gate: buildGate(options, snapshot, store) };
    return current.gate;
  };
  return {
    async check(input) {
      const skill = await options.skills.resolve(input);
      if (skill === undefined || skill === null) return undefined;
      const gate = gateFor(await options.policySource.get());
      const key = cacheKey(skill);
      const ttl = options.skills.cacheTtlMs ?? 0;
      const hit = cache.get(key);
      const cached = hit !== undefined && now() - hit.at < ttl;
      const verdict = cached ? hit.verdict : await gate.check(toInput(skill));
      if (!cached && ttl > 0) cache.set(key, { at: now(), verdict });
      if (!cached) notify(options, { toolName: input.toolName, skill, verdict });
      return {
        faults: verdict.allowed ? [] : verdict.reasons,
        skill: { ref: verdict.revisionRef, allowed: verdict.allowed, change: verdict.change, cached },
      };
    },
    async close() {
      await Promise.all(retired);
      await current?.gate.close();
    },
  };
}

function buildGate(
  options: SkillCheckOptions,
  snapshot: PolicySnapshot,
  store: ReturnType<typeof createFileScanStore>,
): SkillGate {
  const policy = snapshot.compiled.scans.skills;
  const { skills } = options;
  return createSkillGate({
    policy: {
      ...policy,
      enabled: true,
      scanOnChangeOnly: skills.scanOnChangeOnly ?? policy.scanOnChangeOnly,
      blockOnChange: skills.blockOnChange ?? policy.blockOnChange,
      blockOnSeverity: skills.blockOnSeverity ?? policy.blockOnSeverity,
    },
    auditSink: options.auditSink,
    store,
    baselinePath: options.resolvePath(policy.baselinePath ?? DEFAULT_BASELINE),
    logger: options.logger,
    tenant: options.tenant,
  });
}

function toInput(skill: MoltbotSkillDescriptor) {
  return {
    ref: skill.ref,
    ...(skill.dir === undefined ? {} : { dir: skill.dir }),
    ...(skill.content === undefined ? {} : { content: skill.content }),
  };
}

function cacheKey(skill: MoltbotSkillDescriptor): string {
  return `${skill.ref}\u0000${skill.dir ?? ""}\u0000${skill.content === undefined ? "" : sha256Hex(skill.content)}`;
}

function notify(
  options: SkillCheckOptions,
  event: Parameters<NonNullable<MoltbotSkillsConfig["onScan"]>>[0],
) {
  try {
    options.skills.onScan?.(event);
  } catch (error) {
    options.logger.warn({ err: String(error) }, "sec0: skills.onScan threw; ignored");
  }
}
