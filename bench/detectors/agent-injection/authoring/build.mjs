// Turns the hand-written authoring/w1-*.txt files into cases/w1-*.jsonl. Each case starts with a
// header line `@@ <carrier> <lang> <label> <kind>`; the lines up to the next header are its text.
// Escapes inside a text (for obfuscated cases, written by hand): {U+200B} a code point,
// {b64:…} the base64 of the enclosed text, {pct:…} its percent-encoding. Nothing else is generated.
// Usage: node bench/detectors/agent-injection/authoring/build.mjs
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
const out = fileURLToPath(new URL("../cases/", import.meta.url));
const AUTHOR = "w1";

function expandEscapes(text) {
  return text
    .replace(/\{U\+([0-9A-F]{4,5})\}/g, (_, h) => String.fromCodePoint(Number.parseInt(h, 16)))
    .replace(/\{b64:(.*?)\}(?!\})/g, (_, s) => Buffer.from(s, "utf8").toString("base64"))
    .replace(/\{pct:(.*?)\}(?!\})/g, (_, s) => encodeURIComponent(s));
}

function parse(file) {
  const cases = [];
  let cur = null;
  readFileSync(join(here, file), "utf8")
    .split("\n")
    .forEach((line, i) => {
      const m = /^@@ (\S+) (\S+) ([01]) (\S+)\s*$/.exec(line);
      if (m) {
        cur = { carrier: m[1], lang: m[2], label: Number(m[3]), kind: m[4], lines: [], at: i + 1 };
        cases.push(cur);
      } else if (line.startsWith("@@")) throw new Error(`${file}:${i + 1}: malformed header`);
      else if (cur) cur.lines.push(line);
    });
  return cases.map((c) => ({ ...c, text: expandEscapes(c.lines.join("\n").trim()) }));
}

let n = 0;
for (const file of readdirSync(here)
  .filter((f) => f.startsWith(`${AUTHOR}-`) && f.endsWith(".txt"))
  .sort()) {
  const lines = parse(file).map((c) => {
    n++;
    const id = `${AUTHOR}-${String(n).padStart(4, "0")}`;
    const row = {
      id,
      author: AUTHOR,
      carrier: c.carrier,
      lang: c.lang,
      label: c.label,
      kind: c.kind,
      text: c.text,
    };
    if (c.carrier === "json") JSON.parse(c.text);
    return JSON.stringify(row);
  });
  writeFileSync(join(out, file.replace(/\.txt$/, ".jsonl")), `${lines.join("\n")}\n`);
  console.log(`${file}: ${lines.length} cases`);
}
console.log(`total ${n}`);
