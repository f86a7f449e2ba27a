// A/B of the middleware's case (1 KB input JSON + 1 KB output JSON per call, every default
// detector), CPU time per call. Compares builds of the evaluator run alternately:
//   node bench/detectors/call-ab.mjs [distDirA] [distDirB] …   (default: this build)
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { buildToolOutputs } from "./tool-outputs.mjs";

const here = new URL("../../packages/evaluator/dist/index.js", import.meta.url).href;
const dists = process.argv.slice(2);
const builds = await Promise.all(
  (dists.length > 0 ? dists.map((d) => pathToFileURL(resolve(d, "index.js")).href) : [here]).map(
    async (url) => ({ url, E: await import(url) }),
  ),
);

const items = buildToolOutputs(2e6).result.items;
const fill = (i, pick) => {
  let s = "";
  for (let k = i; s.length < 1000; k++) s += `${pick(items[k % items.length])}\n`;
  return s.slice(0, 1000);
};
const calls = items.slice(0, 1000).map((it, i) => ({
  input: {
    command: it.command.example,
    to: it.metadata.from,
    body: fill(i, (x) => x.metadata.subject).slice(0, 900),
  },
  output: { content: [{ type: "text", text: fill(i, (x) => x.content[0].text).slice(0, 980) }] },
}));
const bytes =
  calls.reduce((n, c) => n + JSON.stringify(c.input).length + JSON.stringify(c.output).length, 0) /
  calls.length;

const measure = (guard, ms) => {
  let rounds = 0;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  do {
    for (const c of calls) {
      guard.scan(c.input, "input");
      guard.scan(c.output, "output");
    }
    rounds++;
  } while (performance.now() - t0 < ms);
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / (rounds * calls.length);
};

const guards = builds.map((b) => b.E.createAgentGuard({ enabled: true, block_on_severity: "high" }));
for (const g of guards) measure(g, 500);
const results = builds.map(() => []);
for (let round = 0; round < Number(process.env.AB_ROUNDS ?? 4); round++)
  guards.forEach((g, i) => {
    results[i].push(measure(g, 1000));
  });
console.log(`1 KB in + 1 KB out, ${bytes.toFixed(0)} B of JSON per call, CPU µs per call:`);
builds.forEach((b, i) => {
  const r = [...results[i]].sort((x, y) => x - y);
  console.log(
    `${b.url}\n  min ${r[0].toFixed(1)}  median ${r[r.length >> 1].toFixed(1)}  all ${results[i].map((x) => x.toFixed(1)).join(" ")}`,
  );
});
