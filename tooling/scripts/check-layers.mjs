#!/usr/bin/env node
// Fails when a package.json breaks the dependency direction:
//  - a library depends on a library of its own or a higher layer (core imports nothing of ours;
//    leaves only core; composing packages leaves and core; sdk and cli anything below them);
//  - anything depends on an app, or an app on another app (except the end-to-end tests under
//    tests/, which drive apps, and an app bundling another app's static build: APP_BUNDLES);
//  - a published package has a tooling package in `dependencies`;
//  - a workspace dependency does not use the `workspace:` protocol;
//  - a workspace library is missing from the layer table.
// Usage: node tooling/scripts/check-layers.mjs [--root <dir>]
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { APP_BUNDLES, LAYERS, SAME_LAYER_ALLOWED } from "./layers.mjs";

const FIELDS = ["dependencies", "peerDependencies", "optionalDependencies", "devDependencies"];

export function readWorkspace(root) {
  const packages = new Map();
  for (const group of ["packages", "apps", "tooling", "tests"]) {
    const dir = join(root, group);
    if (!existsSync(dir)) continue;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = join(dir, entry.name, "package.json");
      if (!entry.isDirectory() || !existsSync(file)) continue;
      const manifest = JSON.parse(readFileSync(file, "utf8"));
      packages.set(manifest.name, { group, manifest, file: relative(root, file) });
    }
  }
  return packages;
}

export function checkLayers(root) {
  const packages = readWorkspace(root);
  const problems = [];
  for (const [name, { group, manifest, file }] of packages) {
    if (group === "packages" && !(name in LAYERS)) {
      problems.push(`${file}: ${name} is not in the layer table (tooling/scripts/layers.mjs); add it there.`);
    }
    for (const field of FIELDS) {
      for (const [dep, range] of Object.entries(manifest[field] ?? {})) {
        const target = packages.get(dep);
        if (target === undefined) continue;
        const where = `${file}: ${field} "${dep}"`;
        if (!String(range).startsWith("workspace:"))
          problems.push(`${where} must use the workspace: protocol.`);
        if (target.group === "apps") {
          if (group === "tests" && field === "devDependencies") continue;
          if (group === "apps" && APP_BUNDLES[name]?.includes(dep) === true) continue;
          problems.push(
            `${where}: nothing may depend on an app; apps talk over HTTP with the contracts in @sec0/core.`,
          );
          continue;
        }
        if (target.group === "tooling") {
          if (group === "packages" && field !== "devDependencies") {
            problems.push(`${where}: tooling packages are private; use them only as devDependencies.`);
          }
          continue;
        }
        if (
          group !== "packages" ||
          target.group !== "packages" ||
          (field === "devDependencies" && dep === name)
        )
          continue;
        const from = LAYERS[name];
        const to = LAYERS[dep];
        if (from === undefined || to === undefined) continue;
        const sameLayerOk = SAME_LAYER_ALLOWED[name]?.includes(dep) === true;
        if (to > from || (to === from && !sameLayerOk)) {
          problems.push(
            `${where}: ${name} (layer ${from}) must not depend on ${dep} (layer ${to}); dependencies point down: core ← leaves ← composing ← sdk/cli.`,
          );
        }
      }
    }
  }
  return problems;
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const rootFlag = process.argv.indexOf("--root");
  const root =
    rootFlag === -1
      ? resolve(dirname(fileURLToPath(import.meta.url)), "../..")
      : resolve(process.argv[rootFlag + 1]);
  const problems = checkLayers(root);
  for (const problem of problems) process.stderr.write(`check:layers: ${problem}\n`);
  if (problems.length > 0) {
    process.stderr.write(`check:layers: ${problems.length} problem(s)\n`);
    process.exitCode = 1;
  } else {
    process.stdout.write(`check:layers: ${readWorkspace(root).size} packages, dependency direction ok\n`);
  }
}
