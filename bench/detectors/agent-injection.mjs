// Agent-injection benchmark: recall and FPR per carrier on the hand-written + corpus-derived
// tool outputs of agent-injection/ (see its README for provenance and the split rule).
// Standalone: `node bench/detectors/agent-injection.mjs --split=train|dev|test` (build first).
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import vardDefault from "@andersmyrmel/vard";
import * as E from "../../packages/evaluator/dist/index.js";
import { printTable } from "../harness.mjs";
import { CARRIERS, loadAgentInjection } from "./agent-injection/load.mjs";
import { pct } from "./classify.mjs";

const require = createRequire(import.meta.url);

/** The value a JSON-aware scanner sees: the parsed document for carrier "json", else the text. */
export function scannedValueOf(row) {
  return row.carrier === "json" ? JSON.parse(row.text) : row.text;
}

/**
 * The three compared detectors as `{ name, flag(row) → boolean | Promise<boolean> }`: sec0's
 * prompt-injection detector (any finding ≥ 0.5, JSON carriers scanned as parsed values), vard
 * moderate and llm-guard 0.1.9's PromptInjectionGuard only (its other guards — jailbreak, PII,
 * toxicity, profanity, relevance — are not prompt-injection detectors and are not used).
 */
export function createAgentInjectionDetectors(previous) {
  const vard = vardDefault.moderate().maxLength(10_000_000);
  const { PromptInjectionGuard } = require("llm-guard/dist/guards/prompt-injection.js");
  const guard = new PromptInjectionGuard();
  return [
    { name: "sec0", flag: sec0Flag(E) },
    // The evaluator of the previous main (`baseline-build.mjs`), when the caller built it.
    ...(previous === undefined ? [] : [{ name: "previous main", flag: sec0Flag(previous) }]),
    { name: "vard", flag: (row) => !vard.safeParse(row.text).safe },
    { name: "llm-guard", flag: async (row) => !(await guard.validate(row.text)).valid },
  ];
}

/** sec0's flag with evaluator build `ev`: any prompt_injection finding of confidence ≥ 0.5. */
function sec0Flag(ev) {
  return (row) =>
    ev
      .scanValue(scannedValueOf(row), [ev.promptInjectionDetector], {})
      .findings.some((f) => f.confidence >= 0.5);
}

async function confusionOf(rows, detector) {
  const c = { tp: 0, fn: 0, fp: 0, tn: 0, misses: [], falseAlarms: [] };
  for (const row of rows) {
    const hit = await detector.flag(row);
    if (row.label === 1) {
      if (hit) c.tp++;
      else {
        c.fn++;
        c.misses.push(row.id);
      }
    } else if (hit) {
      c.fp++;
      c.falseAlarms.push(row.id);
    } else c.tn++;
  }
  return c;
}

/**
 * Recall and FPR of each detector on the agent-injection set of `split`: the whole set, its
 * hand-written and corpus-derived parts, and each carrier.
 * @returns {Promise<{ split, sets: { name, positives, negatives, results: Record<string, object> }[] }>}
 */
export async function evaluateAgentInjection(split, detectors = createAgentInjectionDetectors()) {
  const rows = loadAgentInjection().filter((r) => r.split === split);
  const groups = [
    ["whole set", rows],
    ["hand-written", rows.filter((r) => r.source === "hand")],
    ["corpus-derived", rows.filter((r) => r.source !== "hand")],
    ...CARRIERS.map((c) => [`carrier ${c}`, rows.filter((r) => r.carrier === c)]),
  ].filter(([, part]) => part.length > 0);
  const sets = [];
  for (const [name, part] of groups) {
    const results = {};
    for (const d of detectors) {
      const c = await confusionOf(part, d);
      results[d.name] = {
        ...c,
        recall: c.tp / Math.max(1, c.tp + c.fn),
        fpr: c.fp / Math.max(1, c.fp + c.tn),
      };
    }
    const positives = part.filter((r) => r.label === 1).length;
    sets.push({ name, positives, negatives: part.length - positives, results });
  }
  return { split, sets };
}

/** Prints the report as one markdown table (recall / FPR per detector and set). */
export function printAgentInjection({ split, sets }) {
  const names = Object.keys(sets[0]?.results ?? {});
  console.log(
    `## agent-injection tool outputs (${split} split; sec0 vs its previous main, vard moderate and llm-guard)\n`,
  );
  if (sets.length === 0) return console.log(`(no ${split} cases yet)`);
  const whole = sets[0].results.sec0;
  printTable(
    ["set", "pos", "neg", ...names.flatMap((n) => [`${n} recall`, `${n} FPR`]), "target (sec0)"],
    sets.map((s, i) => [
      s.name,
      String(s.positives),
      String(s.negatives),
      ...names.flatMap((n) => [pct(s.results[n].recall), pct(s.results[n].fpr)]),
      i === 0
        ? `recall ≥ 90 % at FPR ≤ 3 %: ${whole && whole.recall >= 0.9 && whole.fpr <= 0.03 ? "met" : "**not met**"}`
        : "",
    ]),
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const split = process.argv.find((a) => a.startsWith("--split="))?.slice(8) ?? "test";
  const report = await evaluateAgentInjection(split);
  printAgentInjection(report);
  if (process.argv.includes("--errors"))
    for (const [name, r] of Object.entries(report.sets[0]?.results ?? {}))
      console.log(
        `\n${name} misses: ${r.misses.join(" ")}\n${name} false alarms: ${r.falseAlarms.join(" ")}`,
      );
}
