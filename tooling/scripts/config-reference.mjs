// Renders the configuration reference of docs/deploy.md from the apps' zod schemas (built, under
// apps/*/dist): one table of keys per app, through zod 4's z.toJSONSchema with io "input" (so the
// defaults show), and one table of the environment variables it reads. `--write` rewrites the block
// between the markers; without it the block goes to stdout. config-reference.test.ts keeps the
// file in step.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");
export const DOC = "docs/deploy.md";
export const START = "<!-- config-reference:start -->";
export const END = "<!-- config-reference:end -->";

/** The apps: where the schema is built, and the environment each reads besides its overrides. */
export const APPS = [
  {
    title: "Control plane",
    dir: "apps/control-plane",
    schema: { file: "dist/config/config-schema.js", name: "controlPlaneConfigSchema" },
    overrides: async (dir) => {
      const { ENV_OVERRIDES } = await importDist(dir, "dist/config/config-schema.js");
      return Object.entries(ENV_OVERRIDES).map(([name, key]) => [name, key]);
    },
    environment: [
      ["SEC0_CONTROL_PLANE_CONFIG", "the config file (YAML or JSON); unset: defaults and environment only"],
      [
        "SEC0_NL_JUDGE_URL",
        "OpenAI-compatible endpoint of the NL judge; unset: `/api/compliance/nl-eval` is 501",
      ],
      ["SEC0_NL_JUDGE_MODEL", "the NL judge's model"],
      ["SEC0_NL_JUDGE_API_KEY", "the NL judge's key (a secret)"],
    ],
  },
  {
    title: "Gateway",
    dir: "apps/gateway",
    schema: { file: "dist/config/config-schema.js", name: "GatewayConfigFileSchema" },
    alsoBuilt: ["dist/config/apply-env-overrides.js", "dist/config/gateway-app-config.js"],
    overrides: async (dir) => {
      const { ENV_OVERRIDES } = await importDist(dir, "dist/config/apply-env-overrides.js");
      return Object.entries(ENV_OVERRIDES).map(([name, path]) => [name, path.join(".")]);
    },
    // Defaults the service applies after validation (the file schema itself has none).
    defaults: async (dir) => {
      const { CONFIG_DEFAULTS: d } = await importDist(dir, "dist/config/gateway-app-config.js");
      return {
        "server.host": d.host,
        "server.port": d.port,
        "server.shutdown_timeout_ms": d.shutdownTimeoutMs,
        log_level: d.logLevel,
        "redis.prefix": d.redisPrefix,
      };
    },
    environment: [
      ["SEC0_GATEWAY_CONFIG", "the config file (YAML or JSON); default `./gateway.yaml`"],
      ["REDIS_URL", "`redis://` or `rediss://`: quotas and idempotency shared by replicas; unset: in memory"],
      ["SEC0_CONTROL_PLANE_URL", "the control plane escalations are created in"],
      ["SEC0_API_KEY", "its key, scope `escalation:create` (or `SEC0_BEARER_TOKEN`); a secret"],
      ["SEC0_ESCALATION_TIMEOUT_MS", "how long creating an escalation may take; default 2500"],
    ],
  },
  {
    title: "Approvals bridge",
    dir: "apps/approvals-bridge",
    schema: { file: "dist/config/bridge-config-schema.js", name: "BridgeConfigSchema" },
    overrides: async () => [
      ["SEC0_APPROVALS_BRIDGE_PORT", "port"],
      ["SEC0_APPROVALS_BRIDGE_HOST", "host"],
      ["REDIS_URL", "redis_url"],
      ["LOG_LEVEL", "log_level"],
    ],
    environment: [["SEC0_APPROVALS_BRIDGE_CONFIG", "the config file (YAML or JSON); required"]],
  },
];

/** The dist files the reference is built from that do not exist (run `pnpm build`). */
export function missingDist() {
  return APPS.flatMap((app) =>
    [app.schema.file, ...(app.alsoBuilt ?? [])].map((file) => join(app.dir, file)),
  ).filter((file) => !existsSync(join(ROOT, file)));
}

/** Imports a built module of an app by path. */
export function importDist(dir, file) {
  return import(pathToFileURL(join(ROOT, dir, file)).href);
}

/** The app's own zod (its ESM entry), so toJSONSchema runs on the instance that built the schema. */
export async function importZod(dir) {
  const require = createRequire(join(ROOT, dir, "package.json"));
  const pkgPath = require.resolve("zod/package.json");
  const entry = JSON.parse(readFileSync(pkgPath, "utf8")).exports["."].import;
  return import(
    pathToFileURL(join(dirname(pkgPath), typeof entry === "string" ? entry : entry.default)).href
  );
}

/** Renders the whole block, markers included. */
export async function renderConfigReference() {
  const sections = [];
  for (const app of APPS) {
    const { z } = await importZod(app.dir);
    const schema = (await importDist(app.dir, app.schema.file))[app.schema.name];
    const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" });
    const defaults = (await app.defaults?.(app.dir)) ?? {};
    const overrides = await app.overrides(app.dir);
    assertRead(
      app,
      [...overrides, ...app.environment].map(([name]) => name),
    );
    sections.push(renderApp(app, json, defaults, overrides));
  }
  const intro = "Generated from the apps' zod schemas by `pnpm docs:config`; do not edit by hand.";
  return [START, "", intro, "", ...sections, END].join("\n");
}

function renderApp(app, json, defaults, overrides) {
  const rows = keyRows(json, "", true).map(({ path, node, required }) => {
    const fallback = node.default ?? defaults[path];
    const cells = [
      `\`${path}\``,
      typeOf(node),
      fallback === undefined ? "" : code(fallback),
      describe(node, required),
    ];
    return `| ${cells.map(escapeCell).join(" | ")} |`;
  });
  const env = [
    ...overrides.map(([name, key]) => [name, `overrides \`${key}\``]),
    ...app.environment.filter(([name]) => !overrides.some(([n]) => n === name)),
  ].map(([name, what]) => `| \`${name}\` | ${escapeCell(what)} |`);
  return [
    `### ${app.title} (\`${app.dir}\`)`,
    "",
    "| key | type | default | notes |",
    "|---|---|---|---|",
    ...rows,
    "",
    "| environment variable | what |",
    "|---|---|",
    ...env,
    "",
  ].join("\n");
}

/** One row per key, depth first: objects by their properties, records as `.<key>`, arrays as `[]`. */
function keyRows(node, prefix, required) {
  const rows = prefix === "" ? [] : [{ path: prefix, node, required }];
  const dot = prefix === "" ? "" : `${prefix}.`;
  if (node.type === "object" && node.properties !== undefined) {
    const needed = new Set(node.required ?? []);
    for (const [key, child] of Object.entries(node.properties))
      rows.push(...keyRows(child, `${dot}${key}`, needed.has(key)));
  } else if (node.type === "object" && typeof node.additionalProperties === "object") {
    const entry = keyRows(node.additionalProperties, `${dot}<key>`, false);
    rows.push(...(node.additionalProperties.properties === undefined ? entry : entry.slice(1)));
  } else if (node.type === "array" && node.items?.type === "object") {
    rows.push(...keyRows(node.items, `${prefix}[]`, false).slice(1));
  }
  return rows;
}

function typeOf(node) {
  if (node.anyOf !== undefined) return [...new Set(node.anyOf.map(typeOf))].join(" or ");
  if (node.type === "array") return `array of ${node.items === undefined ? "any" : typeOf(node.items)}`;
  if (node.type === "object" && typeof node.additionalProperties === "object") return "map";
  return node.type ?? "any";
}

function describe(node, required) {
  const notes = [];
  if (required) notes.push("required");
  if (node.description !== undefined) notes.push(node.description);
  if (node.enum !== undefined) notes.push(`one of ${node.enum.map(code).join(", ")}`);
  if (node.format === "uri") notes.push("a URL");
  if (node.pattern !== undefined) notes.push(patternInWords(node.pattern));
  const keys = node.propertyNames;
  if (keys !== undefined) {
    const words = [...(keys.pattern === undefined ? [] : [patternInWords(keys.pattern)]), ...bounds(keys)];
    if (words.length > 0) notes.push(`\`<key>\`: ${words.join(", ")}`);
  }
  notes.push(...bounds(node));
  const item = node.items ?? node.anyOf?.find((n) => n.pattern !== undefined);
  if (item !== undefined && node.type === "array" && item.type !== "object") {
    const inner = describe(item, false);
    if (inner !== "") notes.push(`each: ${inner}`);
  } else if (node.anyOf !== undefined && item?.pattern !== undefined)
    notes.push(patternInWords(item.pattern));
  return notes.join("; ");
}

/** Ranges in words; the bounds of z.int() (the safe integers) say nothing and are left out. */
function bounds(node) {
  const safe = (n) => n !== undefined && Math.abs(n) < Number.MAX_SAFE_INTEGER;
  const out = [];
  const range = (min, max, unit) => {
    if (safe(min) && safe(max)) out.push(`${min} to ${max}${unit}`);
    else if (safe(min)) out.push(`at least ${min}${unit}`);
    else if (safe(max)) out.push(`at most ${max}${unit}`);
  };
  if (safe(node.exclusiveMinimum)) range(node.exclusiveMinimum + 1, node.maximum, "");
  else range(node.minimum, node.maximum, "");
  if (node.minLength !== 1) range(node.minLength, node.maxLength, " characters");
  else range(undefined, node.maxLength, " characters");
  range(node.minItems, node.maxItems, " items");
  if (node.minLength === 1) out.push("non-empty");
  return out;
}

const PATTERNS = {
  "^(file|env):\\/\\/.+": "a secret reference, `file://<path>` or `env://<VARIABLE>`",
  "^postgres(ql)?:\\/\\/": "a `postgres://` URL",
  "^rediss?:\\/\\/": "a `redis://` or `rediss://` URL",
  "^[0-9a-f]{64}$": "64 hex characters",
  "^[0-9a-fA-F]{64}$": "64 hex characters",
  "^-?\\d{1,32}$": "a numeric id, as text or a number",
  "^[A-Za-z0-9._-]{1,64}$": "1 to 64 letters, digits, `.`, `_`, `-`",
};

function patternInWords(pattern) {
  return PATTERNS[pattern] ?? `matches \`${pattern}\``;
}

function code(value) {
  return `\`${typeof value === "string" ? value : JSON.stringify(value)}\``;
}

function escapeCell(text) {
  return text.replaceAll("|", "\\|").replaceAll("\n", " ");
}

/** The block of `text` between the markers (markers included), or undefined. */
export function readBlock(text) {
  const start = text.indexOf(START);
  const end = text.indexOf(END, start);
  return start === -1 || end === -1 ? undefined : text.slice(start, end + END.length);
}

/** A documented variable the app's built code never names is a stale line: refuse to render it. */
function assertRead(app, names) {
  const text = builtText(app.dir);
  const unread = names.filter((name) => !new RegExp(`\\b${name}\\b`).test(text));
  if (unread.length > 0) throw new Error(`${app.dir}/dist never reads ${unread.join(", ")}: update APPS`);
}

/** The text of an app's built JavaScript. */
export function builtText(dir) {
  const walk = (d) =>
    readdirSync(d, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory()
        ? walk(join(d, e.name))
        : e.name.endsWith(".js")
          ? [readFileSync(join(d, e.name), "utf8")]
          : [],
    );
  return walk(join(ROOT, dir, "dist")).join("\n");
}

const isMain = process.argv[1] === fileURLToPath(import.meta.url);
if (isMain) {
  const missing = missingDist();
  if (missing.length > 0) {
    process.stderr.write(`config-reference: ${missing.join(", ")} missing: run pnpm build first\n`);
    process.exit(1);
  }
  const block = await renderConfigReference();
  if (process.argv.includes("--write")) {
    const file = join(ROOT, DOC);
    const text = readFileSync(file, "utf8");
    const old = readBlock(text);
    if (old === undefined) throw new Error(`${DOC} has no ${START} … ${END} block`);
    writeFileSync(
      file,
      text.replace(old, () => block),
    );
  } else process.stdout.write(`${block}\n`);
}
