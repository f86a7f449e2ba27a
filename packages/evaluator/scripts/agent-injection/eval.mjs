// DEV report for the agent-injection score: per set, the built prompt_injection detector (which
// includes the score since evaluator v2), the score alone, and either; then the scorer's
// throughput on plain English prose and on the dev cases. Never reads test data.
//   node packages/evaluator/scripts/agent-injection/eval.mjs   (after building the package)
import { existsSync } from "node:fs";
import { scoreAgentInjection } from "../../dist/detectors/agent-injection/score-agent-injection.js";
import { loadRows, proseSample } from "./data.mjs";

/** The built prompt_injection detector. */
async function todayDetector() {
  for (const p of [
    "../../dist/detectors/prompt-injection.js",
    "../../dist/detectors/prompt-injection/prompt-injection.js",
  ]) {
    if (existsSync(new URL(p, import.meta.url))) return (await import(p)).promptInjectionDetector;
  }
  return (await import("../../dist/index.js")).promptInjectionDetector;
}

const today = await todayDetector();
const flagsToday = (t) => today.detect(t).some((m) => m.confidence >= 0.5);
const flagsMine = (t) => (scoreAgentInjection(t)?.score ?? 0) >= 0.5;

const rows = loadRows("dev");
const table = new Map();
for (const r of rows) {
  const a = r.texts.some(flagsToday);
  const b = r.texts.some(flagsMine);
  const k = `${r.set} ${r.label === 1 ? "recall" : "FPR"}`;
  const v = table.get(k) ?? { n: 0, today: 0, mine: 0, or: 0 };
  v.n++;
  v.today += a ? 1 : 0;
  v.mine += b ? 1 : 0;
  v.or += a || b ? 1 : 0;
  table.set(k, v);
}
const pct = (x, n) => `${((100 * x) / n).toFixed(1)} %`;
console.log(
  "| dev set | n | prompt_injection (this build) | agent-injection score alone | either |\n| --- | --- | --- | --- | --- |",
);
for (const [k, v] of [...table].sort())
  console.log(`| ${k} | ${v.n} | ${pct(v.today, v.n)} | ${pct(v.mine, v.n)} | ${pct(v.or, v.n)} |`);

if (process.env.MISSED)
  for (const r of rows)
    if (r.set === "hand" && r.label === Number(process.env.MISSED) && r.texts.some(flagsToday) === false) {
      const best = r.texts
        .map((t) => scoreAgentInjection(t))
        .filter(Boolean)
        .sort((x, y) => y.score - x.score)[0];
      if ((best?.score ?? 0) >= 0.5 === (r.label === 0))
        console.log(
          r.id,
          r.kind,
          r.lang,
          best?.score,
          best?.signals.map((s) => s.slice(16)).join(","),
          "|",
          r.texts.join(" ¦ ").slice(0, 200).replace(/\s+/g, " "),
        );
    }

/** MB/s of scoreAgentInjection over `texts` (best of three rounds). */
function throughput(texts) {
  const bytes = texts.reduce((s, t) => s + Buffer.byteLength(t), 0);
  let best = 0;
  for (let round = 0; round < 3; round++) {
    const t0 = performance.now();
    for (const t of texts) scoreAgentInjection(t);
    best = Math.max(best, bytes / 1e6 / ((performance.now() - t0) / 1000));
  }
  return `${best.toFixed(1)} MB/s (${(bytes / 1e6).toFixed(2)} MB)`;
}
const prose = proseSample("dev");
console.log("\nthroughput, prose as one string per line:", throughput(prose.split("\n")));
const chunks = [];
for (let i = 0; i < prose.length; i += 4000) chunks.push(prose.slice(i, i + 4000));
console.log("throughput, prose in 4 KB documents:", throughput(chunks));
console.log(
  "throughput, dev hand-written cases:",
  throughput(rows.filter((r) => r.set === "hand").flatMap((r) => r.texts)),
);
