import { readdirSync, readFileSync } from "node:fs";
import { isSec0Error, type Sec0Error } from "@sec0/core";
import { describe, expect, it } from "vitest";
import { parsePolicyYaml, validatePolicyYaml } from "./parse-policy-yaml.js";

const seedDir = new URL("./__fixtures__/seed/", import.meta.url);
const seedFiles = readdirSync(seedDir).filter((name) => name.endsWith(".yaml"));

/** Section snippets from the docs are parsed inside a policy with a tenant. */
function asPolicy(text: string): string {
  return /^tenant:/m.test(text) ? text : `tenant: my-app\n${text}`;
}

describe("seed-doc policies", () => {
  it("has every seed YAML document as a fixture", () => {
    expect(seedFiles.length).toBeGreaterThanOrEqual(15);
  });
  it.each(seedFiles)("%s parses", (name) => {
    const text = asPolicy(readFileSync(new URL(name, seedDir), "utf8"));
    const result = validatePolicyYaml(text);
    expect(result.errors).toEqual([]);
    expect(parsePolicyYaml(text).tenant).toBe("my-app");
  });
  it("keeps the quickstart's fields as written", () => {
    const policy = parsePolicyYaml(readFileSync(new URL("readme-quickstart.yaml", seedDir), "utf8"));
    expect(policy.signing?.key_ref).toBe("file://./.sec0/keys/ed25519.key");
    expect(policy.enforcement?.deny_on).toEqual([]);
    expect(policy.default_retention).toBe("30d");
  });
  it("accepts signing.mode per_record and checkpoint", () => {
    for (const mode of ["per_record", "checkpoint"]) {
      expect(parsePolicyYaml(`tenant: a\nsigning:\n  mode: ${mode}\n`).signing.mode).toBe(mode);
    }
  });
});

function errorOf(text: string): Sec0Error {
  try {
    parsePolicyYaml(text);
  } catch (error) {
    if (isSec0Error(error)) return error;
    throw error;
  }
  throw new Error("expected parsePolicyYaml to throw");
}

interface Expected {
  path: string;
  line: number;
  column?: number;
  code: string;
  message?: RegExp;
  suggestion?: string;
}

const malformed: Array<[string, string, Expected]> = [
  [
    "wrong type",
    "tenant: my-app\ntools:\n  allowlist: yes-please\n",
    { path: "tools.allowlist", line: 3, column: 14, code: "invalid_type", message: /expected array/ },
  ],
  [
    "boolean as string",
    "tenant: a\nsigning:\n  enabled: 3\n",
    { path: "signing.enabled", line: 3, code: "invalid_type" },
  ],
  [
    "unknown signing mode",
    "tenant: a\nsigning:\n  mode: lazy\n",
    { path: "signing.mode", line: 3, code: "invalid_value" },
  ],
  [
    "unknown top-level key",
    "tenant: a\nenforcment:\n  deny_on: []\n",
    {
      path: "enforcment",
      line: 2,
      column: 1,
      code: "unknown_key",
      suggestion: "enforcement",
      message: /did you mean "enforcement"/,
    },
  ],
  [
    "unknown nested key",
    "tenant: a\nenforcement:\n  deny_onn: []\n",
    { path: "enforcement.deny_onn", line: 3, column: 3, code: "unknown_key", suggestion: "deny_on" },
  ],
  [
    "unknown key in a list item",
    "tenant: a\ncompliance:\n  packs:\n    - id: p\n      name: P\n      rulez: []\n",
    { path: "compliance.packs[0].rulez", line: 6, code: "unknown_key", suggestion: "rules" },
  ],
  [
    "bad retention",
    'tenant: a\ndefault_retention: "30 days"\n',
    { path: "default_retention", line: 2, column: 20, code: "invalid_duration" },
  ],
  [
    "bad artifact retention",
    "tenant: a\nprivacy:\n  artifact_retention:\n    pii: 7\n",
    { path: "privacy.artifact_retention.pii", line: 4, code: "invalid_type" },
  ],
  [
    "invalid regex",
    'tenant: a\ncompliance:\n  packs:\n    - id: p\n      name: P\n      rules:\n        - id: r\n          patterns: ["ok", "(unclosed"]\n',
    {
      path: "compliance.packs[0].rules[0].patterns[1]",
      line: 8,
      code: "invalid_regex",
      message: /Invalid regex "\(unclosed"/,
    },
  ],
  [
    "invalid custom detector regex",
    'tenant: a\nagent_guard:\n  custom:\n    - id: c\n      pattern: "[a-"\n      severity: high\n',
    { path: "agent_guard.custom[0].pattern", line: 5, code: "invalid_regex" },
  ],
  [
    "unknown deny_on code",
    "tenant: a\nenforcement:\n  deny_on:\n    - tool_not_in_allowlist\n    - tool_not_in_alowlist\n",
    {
      path: "enforcement.deny_on[1]",
      line: 5,
      column: 7,
      code: "unknown_reason_code",
      suggestion: "tool_not_in_allowlist",
    },
  ],
  [
    "bad enum",
    "tenant: a\nenforcement:\n  mode: block\n",
    { path: "enforcement.mode", line: 3, code: "invalid_value", message: /"observe", "enforce"/ },
  ],
  [
    "out of range",
    "tenant: a\nside_effects:\n  max_retries: 11\n",
    { path: "side_effects.max_retries", line: 3, code: "out_of_range", message: /at most 10/ },
  ],
  [
    "dedupe ttl too small",
    "tenant: a\ndedupe:\n  ttl_seconds: 5\n",
    { path: "dedupe.ttl_seconds", line: 3, code: "out_of_range", message: /at least 30/ },
  ],
  [
    "missing tenant",
    "tools:\n  allowlist: []\n",
    { path: "tenant", line: 1, code: "missing", message: /required/ },
  ],
  [
    "nl rule without instruction",
    "tenant: a\ncompliance:\n  packs:\n    - id: p\n      name: P\n      rules:\n        - id: r\n          type: nl\n",
    { path: "compliance.packs[0].rules[0].instruction", line: 7, code: "invalid_value" },
  ],
  [
    "unknown pack id",
    "tenant: a\ncompliance:\n  packs: []\n  policies:\n    - id: x\n      name: X\n      enabled: true\n      pack_ids: [nope]\n",
    { path: "compliance.policies[0].pack_ids[0]", line: 8, code: "invalid_value" },
  ],
  [
    "bad allowlist entry",
    'tenant: a\ntools:\n  allowlist: ["mcp://"]\n',
    { path: "tools.allowlist[0]", line: 3, code: "invalid_allowlist_entry" },
  ],
  [
    "timeout never approves",
    "tenant: a\nsecurity:\n  side_effects:\n    timeout_action: auto_approve\n",
    {
      path: "security.side_effects.timeout_action",
      line: 4,
      code: "invalid_value",
      message: /never approves/,
    },
  ],
];

describe("malformed policies", () => {
  it.each(malformed)("%s", (_name, text, expected) => {
    const error = errorOf(text);
    expect(error.code).toBe("POLICY_INVALID");
    const errors = (error.details?.errors ?? []) as Array<Record<string, unknown>>;
    const issue = errors.find((candidate) => candidate.path === expected.path);
    expect(issue, JSON.stringify(errors)).toBeDefined();
    expect(issue?.code).toBe(expected.code);
    expect(issue?.line).toBe(expected.line);
    if (expected.column !== undefined) expect(issue?.column).toBe(expected.column);
    if (expected.message) expect(String(issue?.message)).toMatch(expected.message);
    if (expected.suggestion) expect(issue?.suggestion).toBe(expected.suggestion);
    expect(error.message).toContain(expected.path);
  });

  it("lists every error, not only the first", () => {
    const error = errorOf("tenant: 3\nfoo: 1\nenforcement:\n  deny_on: [nope]\n");
    expect(error.details?.errors as unknown[]).toHaveLength(3);
  });

  it("reports YAML syntax errors with a position", () => {
    const error = errorOf('tenant: a\ntools:\n  allowlist: ["*"\n  bad: : :\n');
    expect(error.code).toBe("POLICY_YAML_SYNTAX");
    const [first] = (error.details?.errors ?? []) as Array<{ line: number; column: number; code: string }>;
    expect(first?.code).toBe("yaml_syntax");
    expect(first?.line).toBeGreaterThanOrEqual(3);
    expect(error.message).toMatch(/line \d+, column \d+/);
  });

  it("rejects duplicate keys as syntax errors", () => {
    expect(errorOf("tenant: a\ntenant: b\n").code).toBe("POLICY_YAML_SYNTAX");
  });

  it("reports an empty document", () => {
    const error = errorOf("");
    expect(error.code).toBe("POLICY_INVALID");
    expect(error.message).toMatch(/empty/);
  });
});
