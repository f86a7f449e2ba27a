// Loader for the agent-injection evaluation set: hand-written tool outputs in cases/*.jsonl plus a
// minority of corpus-derived rows (corpus-rows.mjs). Every line is validated; a bad line throws
// with file:line. `node load.mjs --stats` prints the counts pasted into README.md.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildCorpusRows } from "./corpus-rows.mjs";

/** Folder of the hand-written cases. */
export const CASES_DIR = fileURLToPath(new URL("./cases/", import.meta.url));

/** The split rule: each author writes exactly one split, so no author's style leaks across. */
export const AUTHOR_SPLIT = Object.freeze({ w1: "train", w2: "dev", w3: "test" });

export const CARRIERS = Object.freeze([
  "email",
  "web",
  "ticket",
  "commit",
  "log",
  "json",
  "spreadsheet",
  "calendar",
  "pdf",
]);
/** Carriers reserved for the test split (held-out carrier generalisation). */
export const TEST_ONLY_CARRIERS = Object.freeze(["calendar", "pdf"]);
export const LANGS = Object.freeze(["en", "de", "es", "fr", "pt", "it"]);
const FIELDS = ["id", "author", "carrier", "lang", "label", "kind", "text"];

/** Maps an author id to its split; throws for an author missing from AUTHOR_SPLIT. */
export function splitOfAuthor(author, where = "") {
  const split = AUTHOR_SPLIT[author];
  if (split === undefined)
    throw new Error(`${where}: unknown author "${author}" — add it to AUTHOR_SPLIT in load.mjs`);
  return split;
}

function fail(where, message) {
  throw new Error(`${where}: ${message}`);
}

function validate(obj, where) {
  if (obj === null || typeof obj !== "object" || Array.isArray(obj)) fail(where, "not a JSON object");
  for (const f of FIELDS) if (!(f in obj)) fail(where, `missing field "${f}"`);
  const extra = Object.keys(obj).filter((k) => !FIELDS.includes(k));
  if (extra.length > 0) fail(where, `unknown field(s) ${extra.join(", ")}`);
  for (const f of ["id", "author", "carrier", "lang", "kind", "text"])
    if (typeof obj[f] !== "string" || obj[f].length === 0) fail(where, `"${f}" must be a non-empty string`);
  const split = splitOfAuthor(obj.author, where);
  if (!obj.id.startsWith(`${obj.author}-`)) fail(where, `id "${obj.id}" must start with "${obj.author}-"`);
  if (!CARRIERS.includes(obj.carrier)) fail(where, `carrier "${obj.carrier}" not in ${CARRIERS.join("|")}`);
  if (TEST_ONLY_CARRIERS.includes(obj.carrier) && split !== "test")
    fail(where, `carrier "${obj.carrier}" is reserved for the test split (author w3)`);
  if (!LANGS.includes(obj.lang)) fail(where, `lang "${obj.lang}" not in ${LANGS.join("|")}`);
  if (obj.label !== 0 && obj.label !== 1)
    fail(where, `label must be 0 or 1, got ${JSON.stringify(obj.label)}`);
  if (obj.carrier === "json") {
    try {
      JSON.parse(obj.text);
    } catch (e) {
      fail(where, `carrier "json" but text does not parse: ${e.message}`);
    }
  }
  return split;
}

/** Reads and validates every cases/*.jsonl file; returns rows with split and source "hand". */
export function loadHandWritten(dir = CASES_DIR) {
  const rows = [];
  const seen = new Map();
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".jsonl"))
    .sort();
  for (const file of files) {
    const lines = readFileSync(join(dir, file), "utf8").split("\n");
    lines.forEach((line, i) => {
      if (line.trim() === "") return;
      const where = `${file}:${i + 1}`;
      let obj;
      try {
        obj = JSON.parse(line);
      } catch (e) {
        fail(where, `invalid JSON: ${e.message}`);
      }
      const split = validate(obj, where);
      if (!file.startsWith(`${obj.author}-`))
        fail(where, `author "${obj.author}" in a file not named ${obj.author}-<topic>.jsonl`);
      if (seen.has(obj.id)) fail(where, `duplicate id "${obj.id}" (first at ${seen.get(obj.id)})`);
      seen.set(obj.id, where);
      rows.push({ ...obj, split, source: "hand" });
    });
  }
  return rows;
}

/**
 * The whole agent-injection set: hand-written rows and corpus-derived rows, each with
 * `{ id, author, carrier, lang, label, kind, text, split, source }`.
 * @throws Error naming file:line when a case line is malformed.
 */
export function loadAgentInjection() {
  const hand = loadHandWritten();
  return [...hand, ...buildCorpusRows(hand)];
}

/** Counts rows by the given key function. */
function countBy(rows, key) {
  const out = {};
  for (const r of rows) out[key(r)] = (out[key(r)] ?? 0) + 1;
  return out;
}

function printStats(rows) {
  const splits = ["train", "dev", "test"];
  console.log("| split | source | label 1 | label 0 | total |\n| --- | --- | --- | --- | --- |");
  for (const s of splits)
    for (const src of ["hand", "corpus"]) {
      const part = rows.filter((r) => r.split === s && (src === "hand") === (r.source === "hand"));
      const pos = part.filter((r) => r.label === 1).length;
      console.log(`| ${s} | ${src} | ${pos} | ${part.length - pos} | ${part.length} |`);
    }
  for (const [s, src] of splits.flatMap((x) => [
    [x, "hand"],
    [x, "corpus"],
  ])) {
    const part = rows.filter((r) => r.split === s && (src === "hand") === (r.source === "hand"));
    if (part.length === 0) continue;
    console.log(`\n${s}, ${src} — label 1 / label 0 per carrier × language:\n`);
    console.log(`| carrier | ${LANGS.join(" | ")} | total |`);
    console.log(`| --- | ${LANGS.map(() => "---").join(" | ")} | --- |`);
    for (const c of [...CARRIERS, "all"]) {
      const cell = part.filter((r) => c === "all" || r.carrier === c);
      if (cell.length === 0) continue;
      const by = countBy(cell, (r) => `${r.lang}:${r.label}`);
      const pos = cell.filter((r) => r.label === 1).length;
      const langs = LANGS.map((l) => `${by[`${l}:1`] ?? 0}/${by[`${l}:0`] ?? 0}`);
      console.log(`| ${c} | ${langs.join(" | ")} | ${pos}/${cell.length - pos} |`);
    }
  }
  const corpus = countBy(
    rows.filter((r) => r.source !== "hand"),
    (r) => `${r.split} ${r.source} label ${r.label}`,
  );
  console.log("\n| corpus-derived part | n |\n| --- | --- |");
  for (const [k, n] of Object.entries(corpus).sort()) console.log(`| ${k} | ${n} |`);
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv.includes("--stats"))
  printStats(loadAgentInjection());
