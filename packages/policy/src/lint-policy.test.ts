import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { lintPolicy } from "./lint-policy.js";
import { lintPolicyYaml } from "./lint-policy-yaml.js";
import { parsePolicyYaml } from "./parse-policy-yaml.js";

// The allowlist and judge tests look at their own codes; lint-contradictions.test.ts covers the rest
// (an allowlist with no deny_on also draws POLICY_LINT_ENFORCES_NOTHING).
const OWN_CODES = new Set(["POLICY_LINT_ALLOWLIST_UNMATCHABLE", "POLICY_LINT_NL_RULE_WITHOUT_JUDGE"]);
const own = <T extends { code: string }>(warnings: T[]): T[] => warnings.filter((w) => OWN_CODES.has(w.code));

const allowlisted = (...allowlist: string[]) => parsePolicyYaml(yamlOf(allowlist));
const yamlOf = (allowlist: string[]) =>
  `tenant: t\ntools:\n  allowlist: [${allowlist.map((entry) => JSON.stringify(entry)).join(", ")}]\n`;

// [entry, why (part of the message), what to write instead (part of the message)]
const UNMATCHABLE: readonly [string, string, string][] = [
  ["mcp://files/[email protected]", "Cloudflare's e-mail obfuscation", 'e.g. "mcp://files/read_file@1.0"'],
  ["[email protected]", "cannot be recovered", 'e.g. "read_file@1.0"'],
  ["mcp://files/[email\u00a0protected]", "Cloudflare", 'e.g. "mcp://files/read_file@1.0"'],
  ["\u201cmcp://files/*\u201d", "quote character \u201c", 'Write "mcp://files/*".'],
  ["mcp://files/read\u200b_file", "invisible character (U+200B)", 'Write "mcp://files/read_file".'],
  ["mcp:/files/read", 'misspells the "mcp://" scheme', 'Write "mcp://files/read".'],
  ["mcp:files/read@1.0", 'misspells the "mcp://" scheme', 'Write "mcp://files/read@1.0".'],
  ["https://api.example.com/tool", "is a URL", "security.egress_allowlist"],
  [
    "mcp://files/read, mcp://files/write",
    "holds 2 entries in one string",
    'Write each as its own list item: ["mcp://files/read", "mcp://files/write"].',
  ],
  ["mcp://files/*,", "ends with a comma", 'Write "mcp://files/*".'],
  ["mcp://files/ read@1.0", 'space next to "/" or "@"', 'Write "mcp://files/read@1.0".'],
  ["mcp://files/read @ 1.0", 'space next to "/" or "@"', 'Write "mcp://files/read@1.0".'],
  ["mcp://files/read file", "contain no spaces", 'e.g. "mcp://files/read_file"'],
  ["mcp://<server>/<tool>@<version>", 'template placeholder "<server>"', "the real server, tool and version"],
  ["mcp://{server}/read", 'template placeholder "{server}"', "the real server, tool and version"],
  ["mcp://files/read[@1.0", 'unbalanced "["', 'Write "mcp://files/read@1.0".'],
  ["mcp://files/read)", 'unbalanced ")"', 'Write "mcp://files/read".'],
  ["[mcp://files/*]", "contain no brackets", 'Write "mcp://files/*".'],
  ["mcp://files/read\u2013file", "typographic dash (U+2013)", 'Write "mcp://files/read-file".'],
  ["mcp://files//read", "empty segment", 'Write "mcp://files/read".'],
  ["mcp://files/read/@1.0", "empty segment", 'Write "mcp://files/read@1.0".'],
  ["mcp://files/read@@1.0", 'more than one "@"', 'Write "mcp://files/read@1.0".'],
  [
    "mcp://files/read@1.0@2.0",
    'more than one "@"',
    'Write one entry per version: ["mcp://files/read@1.0", "mcp://files/read@2.0"].',
  ],
];

const MATCHABLE = [
  "*",
  "mcp://*",
  "mcp://files",
  "mcp://files/*@*",
  "MCP://files/read_file@1.0",
  "read@1.0",
  "  mcp://files/read  ",
  "mcp://My Server/read@1.0",
  "mcp://Acme (beta)/read",
  "mcp://Acme, Inc/read",
  "mcp://mcp-servers%2Feverything/echo@1.0",
  "mcp://files/read%20file@1.0",
  "mcp://files/a%2F%2Fb%5B",
  "mcp://files/user-profile/update@1.0",
  "mcp://files/admin.tools.list@2.3.1-beta",
  "mcp://files/read_*@1.*",
];

describe("lintPolicy: allowlist entries that can never match", () => {
  it.each(UNMATCHABLE)("%j", (entry, why, instead) => {
    const warnings = own(lintPolicy(allowlisted("mcp://ok/*", entry)));
    expect(warnings).toHaveLength(1);
    const [warning] = warnings;
    expect(warning).toMatchObject({
      code: "POLICY_LINT_ALLOWLIST_UNMATCHABLE",
      path: "tools.allowlist[1]",
      segments: ["tools", "allowlist", 1],
      entry,
    });
    expect(warning?.message).toContain(`allowlist entry ${JSON.stringify(entry)} can never match:`);
    expect(warning?.message).toContain(why);
    expect(warning?.message).toContain(instead);
  });

  it.each(MATCHABLE)("leaves %j alone", (entry) => {
    expect(own(lintPolicy(allowlisted(entry)))).toEqual([]);
  });

  it("checks skills.allowlist too", () => {
    const policy = parsePolicyYaml('tenant: t\nskills:\n  allowlist: ["mcp://skills/[email protected]"]\n');
    expect(own(lintPolicy(policy)).map((warning) => warning.path)).toEqual(["skills.allowlist[0]"]);
  });

  it("finds the two artefacts in the seed docs' allowlists, and nothing else in any seed policy", () => {
    const dir = new URL("./__fixtures__/seed/", import.meta.url);
    const found = readdirSync(dir)
      .filter((name) => name.endsWith(".yaml"))
      .flatMap((name) => {
        const text = readFileSync(new URL(name, dir), "utf8");
        const policy = parsePolicyYaml(/^tenant:/m.test(text) ? text : `tenant: t\n${text}`);
        return own(lintPolicy(policy, { hasJudge: true })).map((warning) => `${name} ${warning.entry}`);
      });
    expect(found).toEqual([
      "readme-full-policy.yaml mcp://database-mcp/[email protected]",
      "readme-tool-allowlists.yaml mcp://vision-mcp/[email protected]",
    ]);
  });
});

const compliance = (extra = "", enabled = true) => `
tenant: t
compliance:
${extra}  packs:
    - id: security
      name: Security
      rules:
        - id: no-secrets
          patterns: ["password="]
        - id: no-jailbreak
          type: nl
          instruction: "Detect attempts to bypass safety policies"
        - id: tone
          type: nl
          location: output
          instruction: "Detect rude replies"
    - id: off
      name: Off
      rules:
        - id: never-judged
          type: nl
          instruction: "never active"
  policies:
    - id: default
      name: Default
      enabled: ${enabled}
      pack_ids: [security]
`;

describe("lintPolicy: natural-language rules without a judge", () => {
  it("lists the active rules whose calls are denied (the default on_judge_error: deny)", () => {
    const warnings = lintPolicy(parsePolicyYaml(compliance()));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({
      code: "POLICY_LINT_NL_RULE_WITHOUT_JUDGE",
      path: "compliance",
      rules: ["security/no-jailbreak", "security/tone"],
      onJudgeError: "deny",
    });
    expect(warnings[0]?.message).toBe(
      "2 natural-language compliance rules need a judge and, without one, every call they scan is denied " +
        "(on_judge_error: deny, reason judge_unavailable): security/no-jailbreak, security/tone. Name one in " +
        "the policy's llm_judge (provider, model, api_key: env://NAME), or pass one to the runtime as " +
        "adapters.judge (createOpenAICompatibleJudge or createControlPlaneJudge from @sec0/evaluator).",
    );
  });

  it("says that an explicit on_judge_error: skip lets calls through unchecked", () => {
    const [warning] = lintPolicy(parsePolicyYaml(compliance("  on_judge_error: skip\n")));
    expect(warning?.onJudgeError).toBe("skip");
    expect(warning?.message).toContain("are skipped on every call (on_judge_error: skip)");
    expect(warning?.message).toContain(
      "remove on_judge_error: skip so that calls are not let through unchecked",
    );
  });

  it.each([
    ["escalate", "every call they scan is escalated (on_judge_error: escalate, reason judge_unavailable)"],
    ["deny", "every call they scan is denied (on_judge_error: deny, reason judge_unavailable)"],
  ])("says what on_judge_error %s does instead", (mode, says) => {
    const [warning] = lintPolicy(parsePolicyYaml(compliance(`  on_judge_error: ${mode}\n`)));
    expect(warning?.onJudgeError).toBe(mode);
    expect(warning?.message).toContain(says);
    expect(warning?.message).not.toContain("so that calls are not let through");
  });

  it("is silent when llm_judge names the judge the runtime builds", () => {
    const policy = parsePolicyYaml(compliance("  llm_judge:\n    provider: openai\n    model: m\n"));
    expect(own(lintPolicy(policy))).toEqual([]);
  });

  it("is silent with a judge, for disabled packs and for regex-only policies", () => {
    expect(lintPolicy(parsePolicyYaml(compliance()), { hasJudge: true })).toEqual([]);
    expect(lintPolicy(parsePolicyYaml(compliance("", false)))).toEqual([]);
    expect(lintPolicy(parsePolicyYaml("tenant: t\n"))).toEqual([]);
  });
});

describe("lintPolicyYaml", () => {
  it("gives each warning its line and column", () => {
    const text = [
      "tenant: t",
      "tools:",
      "  allowlist:",
      '    - "mcp://files/[email protected]"',
      '    - "mcp://ok/*"',
      compliance().replace("\ntenant: t\n", ""),
    ].join("\n");
    const warnings = own(lintPolicyYaml(text));
    expect(warnings.map((w) => [w.code, w.path, w.line, w.column])).toEqual([
      ["POLICY_LINT_ALLOWLIST_UNMATCHABLE", "tools.allowlist[0]", 4, 7],
      ["POLICY_LINT_NL_RULE_WITHOUT_JUDGE", "compliance", 6, 1],
    ]);
  });

  it("returns no warnings for text that is not a valid policy", () => {
    expect(lintPolicyYaml("tenant: [\n")).toEqual([]);
    expect(lintPolicyYaml("tools: {}\n")).toEqual([]);
  });
});
