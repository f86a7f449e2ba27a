// PII accuracy on presidio-research: span-overlap matching per entity type.
import { loadPresidio } from "../../packages/evaluator/scripts/corpora.mjs";

export const PII_TYPES = {
  "pii.email": "EMAIL_ADDRESS",
  "pii.phone": "PHONE_NUMBER",
  "pii.credit_card": "CREDIT_CARD",
  "pii.ssn": "US_SSN",
  "pii.iban": "IBAN_CODE",
  "pii.ip_address": "IP_ADDRESS",
};

const overlaps = (a, b) => a.start < b.end && b.start < a.end;

/** Per entity type: tp, fp, fn, precision, recall, f1; `errors` lists examples for tuning. */
export function evaluatePii(detector, splits) {
  const rows = loadPresidio().filter((r) => splits.includes(r.split));
  const stats = {};
  const errors = [];
  for (const t of Object.values(PII_TYPES)) stats[t] = { tp: 0, fp: 0, fn: 0 };
  for (const r of rows) {
    const found = detector.detect(r.text).map((m) => ({ ...m, type: PII_TYPES[m.kind] }));
    for (const t of Object.values(PII_TYPES)) {
      const gold = r.spans.filter((s) => s.type === t);
      const pred = found.filter((f) => f.type === t);
      for (const g of gold) {
        if (pred.some((p) => overlaps(p, g))) stats[t].tp++;
        else {
          stats[t].fn++;
          errors.push({ type: t, error: "fn", value: r.text.slice(g.start, g.end), text: r.text });
        }
      }
      for (const p of pred) {
        if (!gold.some((g) => overlaps(p, g))) {
          stats[t].fp++;
          errors.push({ type: t, error: "fp", value: r.text.slice(p.start, p.end), text: r.text });
        }
      }
    }
  }
  for (const s of Object.values(stats)) {
    s.precision = s.tp + s.fp ? s.tp / (s.tp + s.fp) : 1;
    s.recall = s.tp + s.fn ? s.tp / (s.tp + s.fn) : 1;
    s.f1 = s.precision + s.recall ? (2 * s.precision * s.recall) / (s.precision + s.recall) : 0;
  }
  return { rows: rows.length, bytes: rows.reduce((n, r) => n + Buffer.byteLength(r.text), 0), stats, errors };
}
