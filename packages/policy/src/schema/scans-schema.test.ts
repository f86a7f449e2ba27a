import { isSec0Error, type Sec0Error } from "@sec0/core";
import { describe, expect, it } from "vitest";
import { parsePolicyYaml } from "../parse-policy-yaml.js";

function errorsOf(text: string): Array<Record<string, unknown>> {
  try {
    parsePolicyYaml(text);
  } catch (error) {
    if (isSec0Error(error))
      return ((error as Sec0Error).details?.errors ?? []) as Array<Record<string, unknown>>;
    throw error;
  }
  throw new Error("expected parsePolicyYaml to throw");
}

const accepted: Array<[string, string]> = [
  ["sast enabled with defaults", "sast:\n  enabled: true\n"],
  [
    "sast with semgrep",
    "sast:\n  enabled: true\n  mode: background\n  block_on_count: 3\n  cache_ttl: 1h30m\n  scanner: semgrep\n  semgrep:\n    bin: /usr/local/bin/semgrep\n    ruleset: p/javascript\n    timeout_ms: 60000\n",
  ],
  [
    "sast disabled keeps its settings",
    "sast:\n  enabled: false\n  scanner: semgrep\n  semgrep: { ruleset: p/js }\n",
  ],
  ["dast disabled without rule_ttl", "dast:\n  enabled: false\n  max_probes: 256\n"],
  [
    "dast with nuclei",
    "dast:\n  enabled: true\n  rule_ttl: 10m\n  nuclei:\n    templates: ./nuclei-templates\n    target: https://tools.internal:9000/mcp\n    tags: [cve]\n    exclude_tags: [dos]\n    severity: [medium, high, critical]\n",
  ],
  [
    "skills with the new keys",
    "skills:\n  enabled: true\n  baseline: .sec0/skills-baseline.json\n  allowlist: ['clawhub/acme/*']\n  block_on_severity: critical\n",
  ],
];

describe("scan sections accepted", () => {
  it.each(accepted)("%s", (_name, body) => {
    expect(parsePolicyYaml(`tenant: a\n${body}`).tenant).toBe("a");
  });
});

interface Expected {
  readonly path: string;
  readonly line: number;
  readonly code: string;
  readonly message?: RegExp;
  readonly suggestion?: string;
}

const rejected: Array<[string, string, Expected]> = [
  [
    "dast enabled without rule_ttl",
    "dast:\n  enabled: true\n",
    { path: "dast", line: 3, code: "missing", message: /needs rule_ttl/ },
  ],
  [
    "semgrep without ruleset",
    "sast:\n  scanner: semgrep\n  semgrep:\n    bin: semgrep\n",
    { path: "sast.semgrep", line: 5, code: "missing", message: /semgrep\.ruleset/ },
  ],
  [
    "scanner semgrep without a semgrep block",
    "sast:\n  scanner: semgrep\n",
    { path: "sast", line: 3, code: "missing", message: /semgrep block/ },
  ],
  [
    "semgrep block with the builtin scanner",
    "sast:\n  scanner: builtin\n  semgrep:\n    ruleset: p/javascript\n",
    { path: "sast.semgrep", line: 5, code: "invalid_value", message: /needs scanner: semgrep/ },
  ],
  [
    "semgrep block with no scanner",
    "sast:\n  semgrep:\n    ruleset: p/javascript\n",
    { path: "sast.semgrep", line: 4, code: "invalid_value" },
  ],
  [
    "relative semgrep bin",
    "sast:\n  scanner: semgrep\n  semgrep:\n    bin: ./bin/semgrep\n    ruleset: p/js\n",
    { path: "sast.semgrep.bin", line: 5, code: "invalid_value", message: /bare command name/ },
  ],
  [
    "unknown sast key",
    "sast:\n  enabld: true\n",
    { path: "sast.enabld", line: 3, code: "unknown_key", suggestion: "enabled" },
  ],
  [
    "unknown semgrep key",
    "sast:\n  scanner: semgrep\n  semgrep:\n    rulset: p/js\n",
    { path: "sast.semgrep.rulset", line: 5, code: "unknown_key", suggestion: "ruleset" },
  ],
  ["bad sast mode", "sast:\n  mode: async\n", { path: "sast.mode", line: 3, code: "invalid_value" }],
  [
    "bad severity",
    "sast:\n  block_on_severity: severe\n",
    { path: "sast.block_on_severity", line: 3, code: "invalid_value", message: /"critical"/ },
  ],
  [
    "zero block_on_count",
    "sast:\n  block_on_count: 0\n",
    { path: "sast.block_on_count", line: 3, code: "out_of_range" },
  ],
  [
    "bad cache_ttl",
    "sast:\n  cache_ttl: 1 day\n",
    { path: "sast.cache_ttl", line: 3, code: "invalid_duration" },
  ],
  [
    "sast timeout too long",
    "sast:\n  timeout_ms: 300001\n",
    { path: "sast.timeout_ms", line: 3, code: "out_of_range", message: /at most 300000/ },
  ],
  [
    "zero rule_ttl",
    "dast:\n  enabled: true\n  rule_ttl: 0s\n",
    { path: "dast.rule_ttl", line: 4, code: "out_of_range" },
  ],
  [
    "too many probes",
    "dast:\n  max_probes: 257\n",
    { path: "dast.max_probes", line: 3, code: "out_of_range", message: /at most 256/ },
  ],
  [
    "nuclei target not http",
    "dast:\n  nuclei:\n    templates: ./t\n    target: ftp://tools.internal\n",
    { path: "dast.nuclei.target", line: 5, code: "invalid_value", message: /http\(s\) URL/ },
  ],
  [
    "nuclei without templates",
    "dast:\n  nuclei:\n    target: http://127.0.0.1:9000\n",
    { path: "dast.nuclei.templates", line: 4, code: "missing" },
  ],
  [
    "unknown nuclei key",
    "dast:\n  nuclei:\n    templates: ./t\n    target: http://127.0.0.1:9000\n    exclude_tag: [dos]\n",
    { path: "dast.nuclei.exclude_tag", line: 6, code: "unknown_key", suggestion: "exclude_tags" },
  ],
  [
    "unknown skills key",
    "skills:\n  baselin: x.json\n",
    { path: "skills.baselin", line: 3, code: "unknown_key", suggestion: "baseline" },
  ],
  [
    "empty skills baseline",
    'skills:\n  baseline: ""\n',
    { path: "skills.baseline", line: 3, code: "out_of_range" },
  ],
];

describe("scan sections rejected", () => {
  it.each(rejected)("%s", (_name, body, expected) => {
    const errors = errorsOf(`tenant: a\n${body}`);
    const issue = errors.find((candidate) => candidate.path === expected.path);
    expect(issue, JSON.stringify(errors)).toBeDefined();
    expect(issue?.code).toBe(expected.code);
    expect(issue?.line).toBe(expected.line);
    if (expected.message) expect(String(issue?.message)).toMatch(expected.message);
    if (expected.suggestion) expect(issue?.suggestion).toBe(expected.suggestion);
  });
});
