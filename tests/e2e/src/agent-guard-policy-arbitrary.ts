// fast-check generators of policies centred on the `agent_guard` section: every field of the
// section, valid values mostly, plus the near misses (flags the guard cannot honour, patterns that
// compile only under some flags, out-of-range numbers, unknown keys) that the schema must judge.
import { AGENT_GUARD_DETECTOR_IDS, AGENT_GUARD_LEGACY_PATTERN_KEYS } from "@sec0/core";
import fc from "fast-check";

// The section's vocabulary comes from core; what the generator varies is the values.
const DETECTOR_IDS = AGENT_GUARD_DETECTOR_IDS;
const LEGACY_LISTS = Object.keys(AGENT_GUARD_LEGACY_PATTERN_KEYS);

/** Patterns whose validity depends on the flags (u, v) or that never compile. */
const TRICKY_PATTERNS = [
  "project\\s+falcon",
  "(?i)api_key=",
  "(?i)(?i)secret",
  "\\p{Lu}{3}",
  "[\\p{L}--[a-z]]",
  "[[a-z]&&[aeiou]]",
  "(?<word>ab)\\k<word>",
  "(?<=\\$)\\d+",
  "\\-",
  "a{2,1}",
  "([",
  "(",
  "",
  "^$",
  "x*",
];

/** Mostly `valid`, sometimes one of the `invalid` near misses. */
function mostly<T, U>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<U>): fc.Arbitrary<T | U> {
  return fc.oneof({ weight: 19, arbitrary: valid }, { weight: 1, arbitrary: invalid });
}

/** Absent most of the time. */
function rarely<T>(value: fc.Arbitrary<T>): fc.Arbitrary<T | null> {
  return fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: value });
}

const severity = fc.constantFrom("low", "medium", "high", "critical");
const action = fc.constantFrom("block", "redact", "flag");
const flags = fc.string({ unit: fc.constantFrom("d", "g", "i", "m", "s", "u", "v", "y"), maxLength: 3 });
const pattern = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...TRICKY_PATTERNS) },
  {
    weight: 1,
    arbitrary: fc.string({
      unit: fc.constantFrom("a", "(", ")", "[", "]", "\\", "*", "?", "|", "^"),
      maxLength: 6,
    }),
  },
);

const detector = fc.record(
  {
    enabled: fc.boolean(),
    block_on_severity: severity,
    min_confidence: mostly(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(-0.1, 1.5)),
    action,
  },
  { requiredKeys: [] },
);

const customRule = fc.record(
  {
    id: fc.constantFrom("codename", "rule-1", "x"),
    pattern,
    flags,
    severity,
    location: fc.constantFrom("input", "output", "both"),
    action,
    message: fc.constantFrom("matched", ""),
  },
  { requiredKeys: ["id", "pattern", "severity"] },
);

const detectors = fc
  .tuple(
    fc.record(Object.fromEntries(DETECTOR_IDS.map((id) => [id, detector])), { requiredKeys: [] }),
    rarely(fc.constantFrom("data_exfil", "pi")),
  )
  .map(([known, typo]) => (typo === null ? known : { ...known, [typo]: {} }));

const legacyLists = fc.record(
  Object.fromEntries(LEGACY_LISTS.map((key) => [key, fc.array(pattern, { maxLength: 2 })])),
  { requiredKeys: [] },
);

/** An `agent_guard` section: every documented field, each present or absent. */
export const agentGuardSection = fc
  .tuple(
    fc.record(
      {
        enabled: fc.boolean(),
        block_on_severity: severity,
        block_on_count: mostly(fc.integer({ min: 1, max: 4 }), fc.constant(0)),
        detectors,
        custom: fc.array(customRule, { maxLength: 3 }),
        scan_inputs: fc.boolean(),
        scan_outputs: fc.boolean(),
        max_scan_bytes: mostly(fc.integer({ min: 1, max: 2_000_000 }), fc.constantFrom(0, 1.5)),
      },
      { requiredKeys: [] },
    ),
    rarely(legacyLists),
  )
  .map(([section, legacy]) => (legacy === null ? section : { ...section, ...legacy }));

/** A whole policy: a tenant, `deny_on`, and the section in `agent_guard`, `enforcement` or both. */
export const policyWithAgentGuard = fc
  .record({
    section: agentGuardSection,
    legacySection: rarely(agentGuardSection),
    denyOn: fc.constantFrom([], ["agent_guard_failed"]),
    redactOutputs: fc.option(fc.boolean()),
  })
  .map(({ section, legacySection, denyOn, redactOutputs }) => ({
    tenant: "my-app",
    enforcement: { deny_on: denyOn, ...(legacySection === null ? {} : { agent_guard: legacySection }) },
    agent_guard: section,
    ...(redactOutputs === null ? {} : { privacy: { redact_outputs: redactOutputs } }),
  }));
