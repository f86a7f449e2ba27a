// Secrets accuracy: a labelled sample counts as flagged when the detector reports any match.
import { loadSecrets } from "../../packages/evaluator/scripts/corpora.mjs";

export function evaluateSecrets(detector, splits) {
  const rows = loadSecrets().filter((r) => splits.includes(r.split));
  const out = {};
  const errors = [];
  for (const r of rows) {
    out[r.source] = out[r.source] ?? { tp: 0, fn: 0, fp: 0, tn: 0, bytes: 0 };
    const s = out[r.source];
    s.bytes += Buffer.byteLength(r.text);
    const hit = detector.detect(r.text).length > 0;
    if (r.label === 1) {
      if (hit) s.tp++;
      else {
        s.fn++;
        errors.push({ error: "fn", ...r });
      }
    } else if (hit) {
      s.fp++;
      errors.push({ error: "fp", ...r, found: detector.detect(r.text) });
    } else s.tn++;
  }
  return { stats: out, errors };
}
