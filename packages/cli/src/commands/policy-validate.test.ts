import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { CliIo } from "../cli-context.js";
import { runCli } from "../program.js";

const dir = mkdtempSync(path.join(tmpdir(), "sec0-cli-policy-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

writeFileSync(
  path.join(dir, "good.yaml"),
  'tenant: my-app\ndefault_retention: "30d"\nsigning:\n  enabled: true\n  key_ref: "file://./.sec0/keys/ed25519.key"\ntools:\n  allowlist: ["*"]\nenforcement:\n  deny_on: []\n',
);
writeFileSync(
  path.join(dir, "bad.yaml"),
  "tenant: my-app\nenforcment:\n  deny_on: []\ntools:\n  allowlist: 3\n",
);
writeFileSync(path.join(dir, "syntax.yaml"), "tenant: [\n");
writeFileSync(
  path.join(dir, "warn.yaml"),
  [
    "tenant: my-app",
    "tools:",
    "  allowlist:",
    '    - "mcp://vision-mcp/[email protected]"',
    '    - "mcp://files/read file"',
    '    - "mcp://database-mcp/query@*"',
    "compliance:",
    "  packs:",
    "    - id: healthcare",
    "      name: HIPAA",
    "      rules:",
    "        - id: phi-disclosure",
    "          type: nl",
    '          instruction: "Detect disclosure of protected health information"',
    "  policies:",
    "    - id: hipaa",
    "      name: HIPAA",
    "      enabled: true",
    "      pack_ids: [healthcare]",
    "",
  ].join("\n"),
);

function io(): CliIo & { out: string; err: string } {
  const state = {
    out: "",
    err: "",
    cwd: dir,
    env: {},
    stdout: (text: string) => {
      state.out += text;
    },
    stderr: (text: string) => {
      state.err += text;
    },
  };
  return state;
}

describe("sec0 policy validate", () => {
  it("prints a one-line summary for a valid policy", async () => {
    const out = io();
    expect(await runCli(["policy", "validate", "good.yaml"], out)).toBe(0);
    expect(out.out).toMatch(
      /^good\.yaml: valid \(tenant my-app, mode observe, 1 allowlist entry, sha256 [0-9a-f]{12}\)\n$/,
    );
  });

  it("prints file:line:col  path  message for every error and exits 1", async () => {
    const out = io();
    expect(await runCli(["policy", "validate", "bad.yaml"], out)).toBe(1);
    expect(out.out.split("\n").filter(Boolean)).toEqual([
      'bad.yaml:2:1  enforcment  unknown key "enforcment"; did you mean "enforcement"?',
      "bad.yaml:5:14  tools.allowlist  expected array, got number 3",
    ]);
    expect(out.err).toContain("2 errors");
  });

  it("prints JSON with --json", async () => {
    const out = io();
    expect(await runCli(["policy", "validate", "bad.yaml", "--json"], out)).toBe(1);
    const parsed = JSON.parse(out.out) as { valid: boolean; errors: Array<Record<string, unknown>> };
    expect(parsed.valid).toBe(false);
    expect(parsed.errors[0]).toEqual({
      path: "enforcment",
      line: 2,
      column: 1,
      message: 'unknown key "enforcment"; did you mean "enforcement"?',
      code: "unknown_key",
    });
    const good = io();
    expect(await runCli(["policy", "validate", path.join(dir, "good.yaml"), "--json"], good)).toBe(0);
    expect(JSON.parse(good.out)).toEqual({ valid: true, errors: [], warnings: [] });
  });

  it("reports YAML syntax errors and missing files", async () => {
    const syntax = io();
    expect(await runCli(["policy", "validate", "syntax.yaml"], syntax)).toBe(1);
    expect(syntax.out).toMatch(/^syntax\.yaml:\d+:\d+ {2}\(root\) {2}/);
    const missing = io();
    expect(await runCli(["policy", "validate", "nope.yaml", "--json"], missing)).toBe(1);
    expect(JSON.parse(missing.out).errors[0].code).toBe("file_unreadable");
  });

  it("prints warnings for entries that can never match and NL rules without a judge, and exits 0", async () => {
    const out = io();
    expect(await runCli(["policy", "validate", "warn.yaml"], out)).toBe(0);
    const lines = out.out.split("\n").filter(Boolean);
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(
      /^warn\.yaml:4:7 {2}tools\.allowlist\[0\] {2}warning POLICY_LINT_ALLOWLIST_UNMATCHABLE: allowlist entry "mcp:\/\/vision-mcp\/\[email protected\]" can never match: .*Cloudflare/,
    );
    expect(lines[1]).toMatch(
      /^warn\.yaml:5:7 {2}tools\.allowlist\[1\] {2}warning POLICY_LINT_ALLOWLIST_UNMATCHABLE: .*contain no spaces/,
    );
    expect(lines[2]).toMatch(
      /^warn\.yaml:7:1 {2}compliance {2}warning POLICY_LINT_NL_RULE_WITHOUT_JUDGE: 1 natural-language compliance rule needs a judge and, without one, every call it scans is denied \(on_judge_error: deny, reason judge_unavailable\): healthcare\/phi-disclosure\./,
    );
    // An allowlist with no deny_on: it claims to enforce, but can never deny.
    expect(lines[3]).toMatch(
      /^warn\.yaml:1:1 {2}enforcement\.deny_on {2}warning POLICY_LINT_ENFORCES_NOTHING: this policy can never deny a call: tools\.allowlist is set/,
    );
    expect(lines[4]).toMatch(
      /^warn\.yaml: valid \(tenant my-app, mode observe, 3 allowlist entries, sha256 [0-9a-f]{12}\)$/,
    );
    expect(out.err).toBe("4 warnings in warn.yaml\n");
  });

  it("fails on warnings with --strict, and --with-judge drops the judge warning", async () => {
    const strict = io();
    expect(await runCli(["policy", "validate", "warn.yaml", "--strict"], strict)).toBe(1);
    expect(strict.err).toBe("4 warnings in warn.yaml (--strict: warnings fail)\n");
    const judged = io();
    expect(await runCli(["policy", "validate", "warn.yaml", "--with-judge", "--json"], judged)).toBe(0);
    const parsed = JSON.parse(judged.out) as { valid: boolean; warnings: Array<Record<string, unknown>> };
    expect(parsed.valid).toBe(true);
    expect(parsed.warnings.map((warning) => [warning.code, warning.path, warning.line])).toEqual([
      ["POLICY_LINT_ALLOWLIST_UNMATCHABLE", "tools.allowlist[0]", 4],
      ["POLICY_LINT_ALLOWLIST_UNMATCHABLE", "tools.allowlist[1]", 5],
      ["POLICY_LINT_ENFORCES_NOTHING", "enforcement.deny_on", 1],
    ]);
    expect(Object.keys(parsed.warnings[0] ?? {})).toEqual(["path", "line", "column", "message", "code"]);
    const good = io();
    expect(await runCli(["policy", "validate", "good.yaml", "--strict"], good)).toBe(0);
  });
});
