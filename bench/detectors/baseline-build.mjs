// Builds the evaluator of an earlier commit, so that `pnpm bench:detectors` can measure it in the
// same run as this build (same machine, same load). The commit's packages/evaluator is extracted
// with `git archive` into the OS temp folder and compiled with this checkout's TypeScript and
// node_modules (its @sec0/core is this checkout's: the evaluator's use of core is types and the
// agent_guard schema). Built once per commit, then reused.
//   node bench/detectors/baseline-build.mjs [ref]   → prints the dist folder
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const REPO = fileURLToPath(new URL("../../", import.meta.url));
const EVALUATOR = join(REPO, "packages/evaluator");

/** The commit measured as "previous main" unless `SEC0_BENCH_BASELINE` names another. */
export function baselineRef() {
  if (process.env.SEC0_BENCH_BASELINE) return process.env.SEC0_BENCH_BASELINE;
  const file = new URL("./baseline.json", import.meta.url);
  return JSON.parse(readFileSync(file, "utf8")).ref;
}

const git = (...args) => execFileSync("git", args, { cwd: REPO, encoding: "utf8" }).trim();

/**
 * Returns the dist folder of `ref`'s evaluator, building it when missing. Throws with the git or
 * tsc output when the commit is unknown (a shallow clone) or does not compile.
 */
export function buildBaseline(ref = baselineRef()) {
  const commit = git("rev-parse", "--verify", `${ref}^{commit}`);
  const root = join(tmpdir(), `sec0-evaluator-baseline-${commit.slice(0, 12)}`);
  const pkg = join(root, "packages/evaluator");
  const dist = join(pkg, "dist");
  if (existsSync(join(dist, "index.js"))) return dist;
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  const tar = execFileSync("git", ["archive", commit, "packages/evaluator"], {
    cwd: REPO,
    maxBuffer: 256 * 1024 * 1024,
  });
  execFileSync("tar", ["-x", "-C", root], { input: tar });
  symlinkSync(join(EVALUATOR, "node_modules"), join(pkg, "node_modules"), "dir");
  const tsc = join(EVALUATOR, "node_modules/typescript/bin/tsc");
  execFileSync(process.execPath, [tsc, "-p", join(pkg, "tsconfig.json")], { stdio: "pipe" });
  return dist;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(buildBaseline(process.argv[2]));
}
