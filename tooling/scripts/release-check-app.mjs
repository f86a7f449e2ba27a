// The user's side of the release check: a fresh app folder outside the workspace, `npm install`
// from the local registry, and what the docs then tell the user to run.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { cleanEnv, describeFailure, run } from "./release-check-process.mjs";

/** A new app folder: a bare package.json, nothing else (no workspace, no links). */
export function createApp(dir) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, "package.json"),
    `${JSON.stringify({ name: "release-check-app", private: true }, null, 2)}\n`,
  );
  return dir;
}

/**
 * The environment of every command in the app: npm (and npx) ask the local registry for every
 * packument, and fetch the tarballs of other packages from where their packuments point (npm's
 * default would rewrite registry.npmjs.org tarball URLs to the configured registry).
 */
export function appEnv(registryUrl, extra = {}) {
  return cleanEnv({
    npm_config_registry: `${registryUrl}/`,
    "npm_config_@sec0:registry": `${registryUrl}/`,
    npm_config_replace_registry_host: "never",
    npm_config_audit: "false",
    npm_config_fund: "false",
    npm_config_update_notifier: "false",
    ...extra,
  });
}

/** `npm install <names>` in the app, from the local registry. */
export async function npmInstall(app, names, registryUrl, timeoutMs) {
  const args = [
    "install",
    ...names,
    "--registry",
    `${registryUrl}/`,
    "--replace-registry-host=never",
    "--loglevel=error",
  ];
  return run("npm", args, { cwd: app, env: appEnv(registryUrl), timeoutMs });
}

/**
 * Problems with what `npm install` put in the app: each of our packages once, at the expected
 * version, with the integrity of our tarball (so it came from the local registry; the lockfile's
 * `resolved` may be omitted by the user's npm config).
 * @param {Map<string, { version: string, integrity: string }>} expected package name → what we packed
 */
export function checkInstalled(app, expected) {
  const lock = JSON.parse(readFileSync(join(app, "package-lock.json"), "utf8"));
  const problems = [];
  const entries = Object.entries(lock.packages ?? {}).filter(([path]) => path !== "");
  for (const [name, { version, integrity }] of expected) {
    const copies = entries.filter(([path]) => path.endsWith(`node_modules/${name}`));
    if (copies.length === 0) problems.push(`${name} is not installed`);
    for (const [path, entry] of copies) {
      if (entry.version !== version) problems.push(`${path} is ${entry.version}, expected ${version}`);
      else if (entry.integrity !== integrity) problems.push(`${path} is not the tarball we packed`);
    }
  }
  return { problems, total: entries.length };
}

/** `npx sec0 --help` and `--version`: npm linked a `sec0` bin for the app. */
export async function checkSec0Bin(app, registryUrl, version) {
  const link = join(app, "node_modules/.bin/sec0");
  if (!existsSync(link))
    return { ok: false, detail: "node_modules/.bin/sec0 is missing: npm linked no sec0 bin" };
  // As the docs write it; `yes=false` keeps npx from fetching a package named sec0 instead.
  const env = appEnv(registryUrl, { npm_config_yes: "false" });
  const help = await run("npx", ["sec0", "--help"], { cwd: app, env, timeoutMs: 60_000 });
  if (help.code !== 0 || !help.stdout.includes("Usage: sec0"))
    return { ok: false, detail: describeFailure(help) };
  const shown = await run("npx", ["sec0", "--version"], { cwd: app, env, timeoutMs: 60_000 });
  if (shown.stdout.trim() !== version) {
    return { ok: false, detail: `sec0 --version printed "${shown.stdout.trim()}", expected ${version}` };
  }
  // npm links one of the two `sec0` bins (sec0-sdk's, or @sec0/cli's when it is hoisted): both run.
  const shim = join(app, "node_modules/sec0-sdk/bin/sec0.js");
  const own = await run(process.execPath, [shim, "--version"], { cwd: app, env, timeoutMs: 60_000 });
  if (own.stdout.trim() !== version) return { ok: false, detail: `sec0-sdk's bin: ${describeFailure(own)}` };
  const target = relative(join(app, "node_modules"), realpathSync(link));
  return { ok: true, detail: `.bin/sec0 → ${target}; sec0-sdk's own bin runs too; version ${version}` };
}

const SUBPATH_PROBE = (subpaths, load) => `const out = [];
for (const subpath of ${JSON.stringify(subpaths)}) {
  try { out.push({ subpath, names: Object.keys(${load}).length }); }
  catch (error) { out.push({ subpath, code: error.code, message: error.message }); }
}
console.log(JSON.stringify(out));
`;

/**
 * Loads every subpath of the installed sec0-sdk with `import` (.mjs) or `require` (.cjs). A subpath
 * whose target is a stub under not-available/ must fail with SDK_SUBPATH_NOT_AVAILABLE; every
 * other one must load and export names.
 */
export async function checkSubpaths(app, mode) {
  const manifest = JSON.parse(readFileSync(join(app, "node_modules/sec0-sdk/package.json"), "utf8"));
  const entries = Object.entries(manifest.exports).filter(([key]) => key !== "./package.json");
  const specifiers = entries.map(([key]) => (key === "." ? "sec0-sdk" : `sec0-sdk/${key.slice(2)}`));
  const stubs = new Set(
    entries.filter(([, target]) => JSON.stringify(target).includes("/not-available/")).map(([key]) => key),
  );
  const file = mode === "import" ? "subpaths.mjs" : "subpaths.cjs";
  const load = mode === "import" ? "await import(subpath)" : "require(subpath)";
  writeFileSync(join(app, file), SUBPATH_PROBE(specifiers, load));
  const result = await run(process.execPath, [file], { cwd: app, env: cleanEnv(), timeoutMs: 60_000 });
  if (result.code !== 0) return { ok: false, detail: describeFailure(result) };
  const problems = [];
  for (const [index, outcome] of JSON.parse(result.stdout).entries()) {
    const isStub = stubs.has(entries[index][0]);
    if (isStub && outcome.code !== "SDK_SUBPATH_NOT_AVAILABLE") {
      problems.push(
        `${outcome.subpath}: expected SDK_SUBPATH_NOT_AVAILABLE, got ${outcome.code ?? "a module"}`,
      );
    } else if (isStub && !outcome.message.startsWith(`${outcome.subpath} is not in this release: `)) {
      problems.push(`${outcome.subpath}: message "${outcome.message}"`);
    } else if (!isStub && !(outcome.names > 0)) {
      problems.push(`${outcome.subpath}: ${outcome.code ?? "no exports"} ${outcome.message ?? ""}`.trim());
    }
  }
  const detail = `${entries.length - stubs.size} subpaths load, ${stubs.size} not in this release fail with SDK_SUBPATH_NOT_AVAILABLE`;
  return problems.length === 0 ? { ok: true, detail } : { ok: false, detail: problems.join("; ") };
}

/** The user's server of the seed's step 1 (`createYourMcpServer()`), in 0.2.3's server shape. */
const SEED_SERVER = `function createYourMcpServer() {
  const tools = new Map([["echo@1.0", ({ args }) => ({ text: args.text })]]);
  return { name: "my-mcp-server", version: "1.0.0", tool: (name, h) => tools.set(name, h), __getTools: () => tools };
}
`;

/** Calls the wrapped tool once, flushes the audit log, prints the result. */
const CALL_ECHO = `const echoed = await server.__getTools().get("echo@1.0")({ args: { text: "hello" } });
await closeSec0Middleware(server);
console.log(JSON.stringify(echoed));
`;

/** ESM `import` lines of a snippet as CommonJS `require` calls. */
export function importsToRequires(code) {
  const converted = code
    .replace(/^import\s*\{([^}]*)\}\s*from\s*("[^"]+");?$/gm, (_, names, from) => {
      return `const {${names.replace(/\s+as\s+/g, ": ")}} = require(${from});`;
    })
    .replace(/^import\s+(?:\*\s+as\s+)?(\w+)\s+from\s+("[^"]+");?$/gm, "const $1 = require($2);");
  const left = /^import\b.*$/m.exec(converted);
  if (left) throw new Error(`cannot turn into a require: ${left[0]}`);
  return converted;
}

/** The seed's step 1 as an .mjs or .cjs file: the user's server, the snippet as pasted, one call. */
export function seedStep1Program(snippet, mode) {
  if (mode === "import") {
    return [
      SEED_SERVER,
      snippet,
      'import { closeSec0Middleware } from "sec0-sdk/middleware";',
      CALL_ECHO,
    ].join("\n");
  }
  return [
    '"use strict";',
    'const { closeSec0Middleware } = require("sec0-sdk/middleware");',
    SEED_SERVER,
    importsToRequires(snippet),
    `(async () => {\n${CALL_ECHO}})().catch((error) => {\n  console.error(error);\n  process.exitCode = 1;\n});`,
  ].join("\n");
}

/** What the docs tell a reader to create first: `openssl rand -base64 32 > .sec0/keys/ed25519.key`. */
export function writeSigningKey(dir) {
  const path = join(dir, ".sec0/keys/ed25519.key");
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${randomBytes(32).toString("base64")}\n`, { mode: 0o600 });
}

/**
 * Runs the seed quickstart's step 1 (key, policy.yaml, the wrap) in a folder of the app, calls
 * the wrapped tool, then `sec0 audit verify` on the signed audit it left.
 */
export async function checkSeedStep1(app, { snippet, policy }, mode) {
  const dir = join(app, `seed-step1-${mode}`);
  mkdirSync(dir, { recursive: true });
  writeSigningKey(dir);
  writeFileSync(join(dir, "policy.yaml"), policy);
  const file = mode === "import" ? "step1.mjs" : "step1.cjs";
  writeFileSync(join(dir, file), seedStep1Program(snippet, mode));
  const result = await run(process.execPath, [file], { cwd: dir, env: cleanEnv(), timeoutMs: 60_000 });
  if (result.code !== 0) return { ok: false, detail: describeFailure(result) };
  if (result.stdout.trim() !== '{"text":"hello"}')
    return { ok: false, detail: `printed ${result.stdout.trim()}` };
  const days = readdirSync(join(dir, ".sec0")).filter((name) =>
    /^audit-\d{4}-\d{2}-\d{2}\.ndjson$/.test(name),
  );
  if (days.length === 0) return { ok: false, detail: "no .sec0/audit-YYYY-MM-DD.ndjson written" };
  const bin = join(app, "node_modules/.bin/sec0");
  const verify = await run(bin, ["audit", "verify", ".sec0", "--key", "file://./.sec0/keys/ed25519.key"], {
    cwd: dir,
    env: cleanEnv(),
    timeoutMs: 60_000,
  });
  if (verify.code !== 0) return { ok: false, detail: `sec0 audit verify ${describeFailure(verify)}` };
  return { ok: true, detail: `one governed call, ${days[0]} verified by sec0 audit verify` };
}
