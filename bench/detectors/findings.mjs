// Equivalence harness for speed work: records every built-in detector's matches on every
// train/dev string (plus the JSON tool-output workload, whole-value guard verdicts included) and
// compares them with a previous recording.
//   node bench/detectors/findings.mjs record /tmp/before.json
//   node bench/detectors/findings.mjs compare /tmp/before.json
import { readFileSync, writeFileSync } from "node:fs";
import * as E from "../../packages/evaluator/dist/index.js";
import * as C from "../../packages/evaluator/scripts/corpora.mjs";
import { buildToolOutputs } from "./tool-outputs.mjs";

const [mode, file] = process.argv.slice(2);
if ((mode !== "record" && mode !== "compare") || !file) {
  console.error("usage: findings.mjs record|compare <file>");
  process.exit(2);
}

const loaders = [
  C.loadDeepset,
  C.loadNotInject,
  C.loadBipia,
  C.loadAgentDojo,
  C.loadGarakJailbreaks,
  C.loadGarakPayloads,
  C.loadHateCheck,
  C.loadSurge,
  C.loadPresidio,
  C.loadSecrets,
  C.loadAtomicRedTeam,
  C.loadTldr,
];
const texts = [];
for (const load of loaders)
  for (const r of load()) if (r.split === "train" || r.split === "dev") texts.push(r.text);
// Prefixes and suffixes exercise short-string paths and segment boundaries.
const extra = [];
for (let i = 0; i < texts.length; i += 7) {
  const t = texts[i];
  extra.push(t.slice(0, 17), t.slice(0, 401), t.slice(-650), `${t}\n${texts[(i * 31) % texts.length]}`);
}
const all = [...texts, ...extra];

const record = {};
for (const [id, d] of Object.entries(E.BUILTIN_DETECTORS)) {
  const rows = [];
  for (let i = 0; i < all.length; i++) {
    const ms = d.detect(all[i]);
    if (ms.length > 0) rows.push([i, ms.map((m) => ({ ...m }))]);
  }
  record[id] = rows;
}
const guard = E.createAgentGuard({});
const value = buildToolOutputs(1e6);
record.guard = value.result.items.map((it) => {
  const v = guard.scanOutput(it);
  const w = guard.scanInput({ command: it.command.example, note: it.metadata.subject });
  return [v.decision, v.findings, w.decision, w.findings];
});
record.scan = E.scanValue(value, Object.values(E.BUILTIN_DETECTORS), {
  maxBytes: 1e9,
  maxTimeMs: 1e9,
  maxFindings: 1e9,
}).findings;

const summary = Object.fromEntries(Object.entries(record).map(([k, v]) => [k, v.length]));
console.log(`${all.length} strings`, summary);
if (mode === "record") {
  writeFileSync(file, JSON.stringify(record));
  console.log(`recorded to ${file}`);
} else {
  const before = JSON.parse(readFileSync(file, "utf8"));
  const now = JSON.parse(JSON.stringify(record));
  let diffs = 0;
  for (const key of Object.keys(before)) {
    const a = before[key];
    const b = now[key] ?? [];
    const n = Math.max(a.length, b.length);
    for (let i = 0; i < n; i++) {
      if (JSON.stringify(a[i]) === JSON.stringify(b[i])) continue;
      if (diffs++ < 10)
        console.log(key, i, "\n before", JSON.stringify(a[i]), "\n after ", JSON.stringify(b[i]));
    }
  }
  console.log(diffs === 0 ? "identical" : `${diffs} differences`);
  process.exit(diffs === 0 ? 0 : 1);
}
