// Runs every bench/*.bench.mjs (or the names given: `pnpm bench audit policy`) one after another,
// each in its own process so one failure does not hide the others. Benchmarks import the built
// packages (dist/), print markdown tables and compare against a baseline measured in the same run.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(here)
  .filter((name) => name.endsWith(".bench.mjs"))
  .filter((name) => wanted.length === 0 || wanted.some((w) => name.startsWith(w)))
  .sort();
let failed = 0;
for (const file of files) {
  process.stdout.write(`\n## ${file.replace(".bench.mjs", "")}\n\n`);
  const result = spawnSync(process.execPath, [join(here, file)], { stdio: "inherit", timeout: 10 * 60_000 });
  if (result.status !== 0) {
    failed += 1;
    process.stdout.write(`\n${file} failed (exit ${result.status ?? result.signal})\n`);
  }
}
process.exitCode = failed === 0 ? 0 : 1;
