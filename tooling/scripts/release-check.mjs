#!/usr/bin/env node
// `pnpm release:check`: proves that what we would publish installs and runs as the docs say.
// Builds, packs every publishable package with `pnpm pack` (workspace: and catalog: ranges
// rewritten), checks each tarball's contents, serves the tarballs from a local registry on
// 127.0.0.1 (other names proxied from registry.npmjs.org), runs `npm install sec0-sdk` in a fresh
// folder outside the workspace and then the seed quickstart's step 1 (ESM and CommonJS), every
// sec0-sdk subpath, `npx sec0 --help` and the README quickstarts. One pass/fail line per check;
// exits 1 on any failure. The temp folder and the registry are removed in every case.
//
// Usage: node tooling/scripts/release-check.mjs [--no-build] [--keep] [--before-publish]
//   --no-build        use the existing dist/ folders
//   --keep            keep the temp folder (its path is printed) to look into a failure
//   --before-publish  also refuse when changesets are pending (`pnpm release` passes it)
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { readWorkspace } from "./check-layers.mjs";
import {
  checkInstalled,
  checkSec0Bin,
  checkSeedStep1,
  checkSubpaths,
  createApp,
  npmInstall,
} from "./release-check-app.mjs";
import { describeFailure, run, stopAll } from "./release-check-process.mjs";
import {
  checkReadmeQuickstarts,
  installNames,
  loadQuickstartExtractor,
  readmePaths,
} from "./release-check-readmes.mjs";
import { startLocalRegistry } from "./release-check-registry.mjs";
import { checkTarball, readTarball } from "./release-check-tarball.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");
const TOTAL_TIMEOUT_MS = 8 * 60_000;
const SEED = join(ROOT, "tests/docs/src/__fixtures__/seed");
const flags = new Set(process.argv.slice(2));
const pnpm = ["npx", ["--yes", JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).packageManager]];

const results = [];
/** Records and prints one check. */
function report(ok, label, detail = "") {
  results.push(ok);
  console.log(
    `  ${ok ? "pass" : "FAIL"}  ${label}${detail === "" ? "" : ok ? ` (${detail})` : `\n      ${detail}`}`,
  );
  return ok;
}
/** Ends the run early: a later check would only repeat this failure. */
class Stop extends Error {}
const must = (ok, label, detail) => {
  if (!report(ok, label, detail)) throw new Stop(label);
};
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

function pendingChangesets() {
  return readdirSync(join(ROOT, ".changeset")).filter((file) => file.endsWith(".md") && file !== "README.md");
}

async function buildAndPack(work, publishable) {
  if (!flags.has("--no-build")) {
    const build = await run(pnpm[0], [...pnpm[1], "build"], { cwd: ROOT, timeoutMs: 300_000 });
    must(build.code === 0, "pnpm build", build.code === 0 ? seconds(build.ms) : describeFailure(build));
  }
  const dest = join(work, "tarballs");
  const filters = [...publishable.keys()].flatMap((name) => ["--filter", name]);
  const pack = await run(pnpm[0], [...pnpm[1], "-r", ...filters, "pack", "--pack-destination", dest], {
    cwd: ROOT,
    timeoutMs: 120_000,
  });
  const tarballs = pack.code === 0 ? readdirSync(dest).filter((file) => file.endsWith(".tgz")) : [];
  must(
    pack.code === 0 && tarballs.length === publishable.size,
    `pnpm pack: ${tarballs.length} of ${publishable.size} publishable packages`,
    pack.code === 0 ? seconds(pack.ms) : describeFailure(pack),
  );
  return tarballs.map((file) => {
    const tarball = readFileSync(join(dest, file));
    const files = readTarball(tarball);
    const manifest = JSON.parse(files.get("package.json").toString("utf8"));
    return { file, tarball, files, manifest };
  });
}

function checkContents(packed, publishable) {
  for (const { file, files, manifest } of packed) {
    const problems = checkTarball(files, { version: publishable.get(manifest.name).version });
    const detail =
      problems.length === 0
        ? `${files.size} files; README, LICENSE, every exports/bin target`
        : problems.join("; ");
    report(problems.length === 0, `tarball ${file}: contents`, detail);
  }
}

async function checkApp(app, registry, publishable, version) {
  const install = await npmInstall(app, ["sec0-sdk"], registry.url, 300_000);
  must(
    install.code === 0,
    "npm install sec0-sdk (fresh folder, no workspace)",
    install.code === 0 ? seconds(install.ms) : describeFailure(install),
  );
  const sdkDeps = Object.keys(publishable.get("sec0-sdk").dependencies ?? {}).filter((dep) =>
    publishable.has(dep),
  );
  const expected = new Map(
    ["sec0-sdk", ...sdkDeps].map((name) => [
      name,
      { version: publishable.get(name).version, integrity: registry.integrityOf(name) },
    ]),
  );
  const installed = checkInstalled(app, expected);
  must(
    installed.problems.length === 0,
    `it pulled sec0-sdk and its ${sdkDeps.length} @sec0/* dependencies at ${version} from the local registry`,
    installed.problems.length === 0 ? `${installed.total} packages in all` : installed.problems.join("; "),
  );
  const bin = await checkSec0Bin(app, registry.url, version);
  report(bin.ok, "npx sec0 --help and --version after npm install sec0-sdk alone", bin.detail);
  for (const mode of ["import", "require"]) {
    const subpaths = await checkSubpaths(app, mode);
    report(
      subpaths.ok,
      `every sec0-sdk subpath with ${mode === "import" ? "ESM import" : "CommonJS require"}`,
      subpaths.detail,
    );
  }
  const seed = {
    snippet: readFileSync(join(SEED, "000-step1-wrap-server.mjs"), "utf8"),
    policy: readFileSync(join(SEED, "000-step1-policy.yaml"), "utf8"),
  };
  for (const mode of ["import", "require"]) {
    const step1 = await checkSeedStep1(app, seed, mode);
    report(
      step1.ok,
      `seed quickstart step 1 as ${mode === "import" ? "ESM (.mjs)" : "CommonJS (.cjs)"}`,
      step1.detail,
    );
  }
  return seed.policy;
}

async function checkReadmes(app, registry, policy) {
  const names = [
    ...new Set(readmePaths(ROOT).flatMap((path) => installNames(readFileSync(join(ROOT, path), "utf8")))),
  ];
  const extra = names.filter((name) => name !== "sec0-sdk");
  const install = await npmInstall(app, extra, registry.url, 300_000);
  must(
    install.code === 0,
    `npm install of what the README Install sections add: ${extra.join(" ")}`,
    install.code === 0 ? seconds(install.ms) : describeFailure(install),
  );
  const extract = await loadQuickstartExtractor(ROOT);
  const quickstarts = await checkReadmeQuickstarts(ROOT, app, { extract, policy });
  for (const { label, ok, detail } of quickstarts) report(ok, label, detail);
  const readmes = readmePaths(ROOT).length;
  report(quickstarts.length > 0, `${quickstarts.length} quickstart blocks found in ${readmes} READMEs`);
}

async function main(work) {
  const workspace = readWorkspace(ROOT);
  const publishable = new Map(
    [...workspace.values()]
      .filter(({ manifest }) => manifest.private !== true)
      .map(({ manifest }) => [manifest.name, manifest]),
  );
  const version = publishable.get("sec0-sdk")?.version;
  console.log(`release check: sec0-sdk ${version} and ${publishable.size - 1} @sec0/* packages, in ${work}`);
  if (flags.has("--before-publish")) {
    const pending = pendingChangesets();
    must(
      pending.length === 0,
      "no pending changesets",
      `run \`pnpm version-packages\` first: ${pending.join(", ")}`,
    );
  }
  const versions = new Set([...publishable.values()].map((manifest) => manifest.version));
  must(
    versions.size === 1,
    "one version for every publishable package (fixed group)",
    [...versions].join(", "),
  );
  const packed = await buildAndPack(work, publishable);
  checkContents(packed, publishable);
  const registry = await startLocalRegistry({ packages: packed });
  try {
    report(
      true,
      `local registry on ${registry.url}`,
      `${packed.length} packages of ours; every other name from registry.npmjs.org`,
    );
    const app = createApp(join(work, "app"));
    const policy = await checkApp(app, registry, publishable, version);
    await checkReadmes(app, registry, policy);
  } finally {
    await registry.close();
  }
}

const work = mkdtempSync(join(tmpdir(), "sec0-release-check-"));
function cleanUp() {
  stopAll();
  if (!flags.has("--keep")) rmSync(work, { recursive: true, force: true });
}
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    cleanUp();
    process.exit(130);
  });
}
const watchdog = setTimeout(() => {
  report(false, `release check finished within ${TOTAL_TIMEOUT_MS / 60_000} minutes`, "it did not; stopped");
  cleanUp();
  process.exit(1);
}, TOTAL_TIMEOUT_MS);

const started = Date.now();
try {
  await main(work);
} catch (error) {
  if (!(error instanceof Stop)) report(false, "release check ran to the end", error?.stack ?? String(error));
  else console.log("  (stopped: the checks after this one need it)");
} finally {
  clearTimeout(watchdog);
  cleanUp();
}
const failed = results.filter((ok) => !ok).length;
if (flags.has("--keep")) console.log(`kept ${work}`);
console.log(
  `release check: ${results.length - failed} passed, ${failed} failed (${seconds(Date.now() - started)})`,
);
process.exitCode = failed === 0 ? 0 : 1;
