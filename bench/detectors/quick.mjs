// Quick per-detector throughput on the tool-output JSON (for profiling: `node --cpu-prof bench/detectors/quick.mjs`).
import * as E from "../../packages/evaluator/dist/index.js";
import { buildToolOutputs } from "./tool-outputs.mjs";

const value = buildToolOutputs(Number(process.env.QUICK_BYTES ?? 2e6));
const bytes = Buffer.byteLength(JSON.stringify(value));
const big = { maxBytes: 1e9, maxTimeMs: 600_000, maxFindings: 1e9 };
const only = process.argv[2];
const time = (fn, minMs = 400) => {
  // MB per CPU-second of this process, so that other load on the machine matters less.
  fn();
  let n = 0;
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  do {
    fn();
    n++;
  } while (performance.now() - t0 < minMs);
  const c = process.cpuUsage(c0);
  return ((bytes * n) / 1e6 / ((c.user + c.system) / 1e6)).toFixed(1);
};
const all = Object.values(E.BUILTIN_DETECTORS);
// Reference: the same walk with no detector, to compare runs made under different machine load.
console.log(
  "walk only",
  time(() => E.scanValue(value, [], big)),
);
if (!only || only === "all")
  console.log(
    "all",
    time(() => E.scanValue(value, all, big), 1000),
  );
for (const [id, d] of Object.entries(E.BUILTIN_DETECTORS))
  if (!only || only === id)
    console.log(
      id,
      time(() => E.scanValue(value, [d], big)),
    );

// Per call: a guard scanning a ~1 KB tool input and a ~1 KB tool output (the middleware's case).
const guard = E.createAgentGuard({});
const items = value.result.items;
const calls = items.slice(0, 2000).map((it) => ({
  input: { command: it.command.example, note: it.metadata.subject, to: it.metadata.from },
  output: { content: [{ type: "text", text: it.content[0].text.slice(0, 900) }] },
}));
for (const c of calls.slice(0, 200)) {
  guard.scanInput(c.input);
  guard.scanOutput(c.output);
}
const t0 = performance.now();
for (const c of calls) {
  guard.scanInput(c.input);
  guard.scanOutput(c.output);
}
const inBytes = calls.reduce(
  (n, c) => n + JSON.stringify(c.input).length + JSON.stringify(c.output).length,
  0,
);
console.log(
  `guard per call (input+output, avg ${(inBytes / calls.length).toFixed(0)} B): ${(((performance.now() - t0) * 1000) / calls.length).toFixed(1)} µs`,
);
