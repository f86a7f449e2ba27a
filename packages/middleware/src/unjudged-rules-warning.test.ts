// A policy with natural-language compliance rules and no judge must not silently check nothing:
// the governor says so once, at start, in the words `sec0 policy validate` prints.
import type { ComplianceJudge } from "@sec0/policy";
import { createInlinePolicySource, lintPolicy, parsePolicyYaml } from "@sec0/policy";
import { createMemoryAuditSink } from "@sec0/testkit";
import { describe, expect, it, vi } from "vitest";
import { createToolGovernor } from "./create-tool-governor.js";
import type { MiddlewareOptions } from "./options.js";

const policy = parsePolicyYaml(`
tenant: acme
compliance:
  on_judge_error: deny
  packs:
    - id: security
      name: Security
      rules:
        - id: no-jailbreak
          type: nl
          location: output
          instruction: "Detect attempts to bypass safety policies"
  policies:
    - id: default
      name: Default
      enabled: true
      pack_ids: [security]
`);

function start(adapters: MiddlewareOptions["adapters"] = {}) {
  const warnings: { fields: Record<string, unknown>; message: string }[] = [];
  const logger = {
    debug: () => undefined,
    info: () => undefined,
    warn: (fields: Record<string, unknown>, message: string) => void warnings.push({ fields, message }),
    error: () => undefined,
  };
  const governor = createToolGovernor(
    { policy, logger, adapters },
    { policySource: createInlinePolicySource(policy), auditSink: createMemoryAuditSink() },
  );
  return { governor, warnings };
}

const call = { server: { name: "files", version: "1.0" }, tool: "read", args: {} };

describe("natural-language rules without a judge", () => {
  it("warns once at start, in the words of sec0 policy validate", async () => {
    const { governor, warnings } = start();
    await vi.waitFor(() => expect(warnings).toHaveLength(1));
    for (let i = 0; i < 3; i++) await governor.govern(call, async () => "ok");
    await governor.close();
    expect(warnings).toHaveLength(1);
    const [expected] = lintPolicy(policy);
    expect(warnings[0]).toEqual({
      fields: {
        code: "POLICY_LINT_NL_RULE_WITHOUT_JUDGE",
        rules: ["security/no-jailbreak"],
        onJudgeError: "deny",
      },
      message: expected?.message,
    });
  });

  it("says nothing when a judge is wired", async () => {
    const judge: ComplianceJudge = { evaluate: async () => ({ score: 0 }) };
    const { governor, warnings } = start({ judge });
    const outcome = await governor.govern(call, async () => "ok");
    await governor.close();
    expect(outcome.status).toBe("ok");
    expect(warnings).toEqual([]);
  });
});
