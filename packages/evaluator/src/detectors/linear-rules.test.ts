// Every built-in regex must run in time linear in its input: a backtracking rule that is
// quadratic on a run of one character class stalls the scan far past its time budget.
import { performance } from "node:perf_hooks";
import { describe, expect, it } from "vitest";
import { scanValue } from "../scan.js";
import { BUILTIN_DETECTORS } from "./builtin.js";
import { COMMAND_RULES } from "./command-unsafe/rules.js";
import { DATA_EXFILTRATION_RULES } from "./data-exfiltration/rules.js";
import { MALICIOUS_CODE_RULES } from "./malicious-code/rules.js";
import { POLICY_VIOLATION_RULES } from "./policy-violation/rules.js";
import { PROMPT_INJECTION_RULES } from "./prompt-injection/rules.js";
import { SECRET_RULES } from "./secrets/secret-rules.js";
import { TOOL_POISONING_RULES } from "./tool-poisoning/rules.js";
import { TOXICITY_RULES } from "./toxic-content/rules.js";

const SIZE = 1024 * 1024;
const CLASSES: Record<string, string> = {
  newlines: "\n",
  spaces: " ",
  tabs: "\t",
  quotes: "\"'`",
  brackets: "()[]{}<>",
  digits: "0123456789",
  separators: ";&|",
  letters: "abcxyz",
  mixed: 'a \n;1"(|&\t.>',
};

const regexes: [string, RegExp][] = [
  ...[
    ...COMMAND_RULES,
    ...DATA_EXFILTRATION_RULES,
    ...MALICIOUS_CODE_RULES,
    ...POLICY_VIOLATION_RULES,
    ...PROMPT_INJECTION_RULES,
    ...TOOL_POISONING_RULES,
    ...TOXICITY_RULES,
  ].map((r): [string, RegExp] => [r.kind, r.re]),
  ...SECRET_RULES.map((r): [string, RegExp] => [r.kind, r.re]),
];

const KEYWORD_SIZE = 128 * 1024;
const KEYWORD_SEPARATORS = [" ", ";", "|", "'", " -", "("];

const fill = (unit: string, size = SIZE) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);

function timeFirstMatch(re: RegExp, text: string): number {
  const global = new RegExp(re.source, re.flags.includes("g") ? re.flags : `${re.flags}g`);
  const t = performance.now();
  global.exec(text);
  return performance.now() - t;
}

describe("built-in rules are linear", () => {
  it.each(Object.entries(CLASSES))("every rule runs on 1 MiB of %s in under 3 s", (_, unit) => {
    const text = fill(unit);
    const slow: string[] = [];
    let total = 0;
    for (const [kind, re] of regexes) {
      const ms = timeFirstMatch(re, text);
      total += ms;
      if (ms > 3_000) slow.push(`${kind} ${Math.round(ms)} ms`);
    }
    expect(slow).toEqual([]);
    expect(total).toBeLessThan(20_000);
  });

  // A rule of the shape `\bkw\b[^\n]*X` restarts at every `kw` and runs to the end of the line:
  // quadratic on a line that repeats its own keyword. Gaps after a keyword are bounded instead.
  it("every rule runs on 128 KiB of its own keywords in under 1 s", () => {
    const slow: string[] = [];
    for (const [kind, re] of regexes) {
      const words = new Set(re.source.match(/[A-Za-z][A-Za-z0-9_-]+/g) ?? []);
      probe: for (const word of words)
        for (const sep of KEYWORD_SEPARATORS) {
          const ms = timeFirstMatch(re, fill(`${word}${sep}`, KEYWORD_SIZE));
          if (ms > 1_000) {
            slow.push(`${kind} on ${JSON.stringify(word + sep)}: ${Math.round(ms)} ms`);
            break probe;
          }
        }
    }
    expect(slow).toEqual([]);
  }, 120_000);

  it.each(Object.entries(CLASSES))("every detector scans 1 MiB of %s in under 3 s", (_, unit) => {
    const text = fill(unit);
    for (const detector of Object.values(BUILTIN_DETECTORS)) {
      const t = performance.now();
      scanValue(text, [detector], { maxTimeMs: 60_000 });
      expect(performance.now() - t, detector.id).toBeLessThan(3_000);
    }
  });
});
