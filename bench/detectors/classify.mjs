// Binary-classification metrics over labelled rows: {text, label}.
export function confusion(rows, flagged) {
  const c = { tp: 0, fp: 0, tn: 0, fn: 0, bytes: 0, ms: 0 };
  const t0 = performance.now();
  for (const r of rows) {
    c.bytes += Buffer.byteLength(r.text);
    const hit = flagged(r.text);
    if (r.label === 1) hit ? c.tp++ : c.fn++;
    else hit ? c.fp++ : c.tn++;
  }
  c.ms = performance.now() - t0;
  return c;
}

export const pct = (x) => (Number.isFinite(x) ? `${(x * 100).toFixed(1)} %` : "–");
export const recall = (c) => (c.tp + c.fn ? c.tp / (c.tp + c.fn) : Number.NaN);
export const precision = (c) => (c.tp + c.fp ? c.tp / (c.tp + c.fp) : Number.NaN);
export const fpr = (c) => (c.fp + c.tn ? c.fp / (c.fp + c.tn) : Number.NaN);
export const mbps = (bytes, ms) => (ms > 0 ? bytes / 1e6 / (ms / 1000) : Number.NaN);

/** Times `fn` over `texts` repeatedly for at least `minMs`; returns MB/s. */
export function throughput(texts, fn, minMs = 300) {
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
  for (const t of texts.slice(0, 50)) fn(t);
  let rounds = 0;
  const t0 = performance.now();
  do {
    for (const t of texts) fn(t);
    rounds++;
  } while (performance.now() - t0 < minMs);
  return mbps(bytes * rounds, performance.now() - t0);
}
