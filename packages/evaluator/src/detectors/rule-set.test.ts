// The compiled rule sets skip regexes by literal prefilters; they must report exactly what running
// every regex reports. Checked on development rows of the command and injection corpora.
import { describe, expect, it } from "vitest";
// @ts-expect-error plain JS helper shared with the training script and the benchmark
import * as C from "../../scripts/corpora.mjs";
import { COMMAND_RULES } from "./command-unsafe/rules.js";
import { MALICIOUS_CODE_RULES } from "./malicious-code/rules.js";
import { PROMPT_INJECTION_RULES } from "./prompt-injection/rules.js";
import { compileRuleSet, runRules } from "./rule-set.js";

type Row = { text: string; split: string };
const dev = (rows: Row[], n: number) =>
  rows
    .filter((r) => r.split === "dev")
    .slice(0, n)
    .map((r) => r.text);

describe("compileRuleSet", () => {
  it("matches runRules on development rows", () => {
    const texts = [
      ...dev(C.loadAtomicRedTeam(), 200),
      ...dev(C.loadTldr(), 600),
      ...dev(C.loadDeepset(), 150),
      ...dev(C.loadAgentDojo(), 150),
    ];
    for (const rules of [COMMAND_RULES, PROMPT_INJECTION_RULES, MALICIOUS_CODE_RULES]) {
      const compiled = compileRuleSet(rules);
      for (const t of texts) expect(compiled.run(t)).toEqual(runRules(t, rules));
    }
  });
  it("applies the gate like runRules", () => {
    const rules = [{ kind: "x.y", re: /secret\s+plan/gi, severity: "high" as const, confidence: 0.9 }];
    const compiled = compileRuleSet(rules, /PLAN/);
    expect(compiled.run("the secret plan")).toEqual([]);
    expect(compiled.run("the secret PLAN")).toEqual(runRules("the secret PLAN", rules, /PLAN/));
  });
});
