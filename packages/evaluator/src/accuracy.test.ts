// Corpus-driven accuracy floor on TRAIN/DEV samples (never the held-out test split), so detector
// quality cannot regress silently. Floors sit a little under the measured values.
import { describe, expect, it } from "vitest";
// @ts-expect-error plain JS helper shared with the training script and the benchmark
import * as C from "../scripts/corpora.mjs";
import { commandUnsafeDetector } from "./detectors/command-unsafe/command-unsafe.js";
import { piiDetector } from "./detectors/pii/pii.js";
import { promptInjectionDetector } from "./detectors/prompt-injection/prompt-injection.js";
import { secretsDetector } from "./detectors/secrets/secrets.js";
import { toxicContentDetector } from "./detectors/toxic-content/toxic-content.js";
import type { Detector } from "./types.js";

type Row = { text: string; label: number; split: string };
const dev = (rows: Row[], n: number) => rows.filter((r) => r.split === "dev").slice(0, n);
const hit = (d: Detector, t: string) => d.detect(t).some((m) => m.confidence >= 0.5);
const rate = (d: Detector, rows: Row[]) =>
  rows.filter((r) => hit(d, r.text)).length / Math.max(1, rows.length);

describe("accuracy floors on dev samples", () => {
  it("prompt injection", () => {
    const deepset = dev(C.loadDeepset(), 110);
    expect(
      rate(
        promptInjectionDetector,
        deepset.filter((r) => r.label === 1),
      ),
    ).toBeGreaterThanOrEqual(0.7);
    expect(
      rate(
        promptInjectionDetector,
        deepset.filter((r) => r.label === 0),
      ),
    ).toBeLessThanOrEqual(0.08);
    expect(rate(promptInjectionDetector, dev(C.loadNotInject(), 80))).toBeLessThanOrEqual(0.05);
    const dojo = dev(C.loadAgentDojo(), 400);
    expect(
      rate(
        promptInjectionDetector,
        dojo.filter((r) => r.label === 1),
      ),
    ).toBeGreaterThanOrEqual(0.9);
    expect(
      rate(
        promptInjectionDetector,
        dojo.filter((r) => r.label === 0),
      ),
    ).toBeLessThanOrEqual(0.02);
  });
  it("toxicity", () => {
    const hate = dev(C.loadHateCheck(), 300);
    expect(
      rate(
        toxicContentDetector,
        hate.filter((r) => r.label === 1),
      ),
    ).toBeGreaterThanOrEqual(0.9);
    expect(
      rate(
        toxicContentDetector,
        dev(C.loadSurge(), 200).filter((r) => r.label === 0),
      ),
    ).toBeLessThanOrEqual(0.05);
  });
  it("commands", () => {
    expect(rate(commandUnsafeDetector, dev(C.loadAtomicRedTeam(), 120))).toBeGreaterThanOrEqual(0.85);
    expect(rate(commandUnsafeDetector, dev(C.loadTldr(), 400))).toBeLessThanOrEqual(0.03);
  });
  it("secrets and PII", () => {
    const s = C.loadSecrets().filter(
      (r: Row & { source: string }) => r.split !== "test" && r.source === "gitleaks",
    );
    expect(
      rate(
        secretsDetector,
        s.filter((r: Row) => r.label === 1),
      ),
    ).toBeGreaterThanOrEqual(0.9);
    expect(
      rate(
        secretsDetector,
        s.filter((r: Row) => r.label === 0),
      ),
    ).toBeLessThanOrEqual(0.02);
    const p = C.loadPresidio()
      .filter((r: { split: string }) => r.split === "dev")
      .slice(0, 200);
    let tp = 0;
    let gold = 0;
    for (const r of p as { text: string; spans: { type: string; start: number; end: number }[] }[]) {
      const found = piiDetector.detect(r.text);
      for (const g of r.spans.filter((x) =>
        ["EMAIL_ADDRESS", "CREDIT_CARD", "US_SSN", "IBAN_CODE", "PHONE_NUMBER"].includes(x.type),
      )) {
        gold++;
        if (found.some((f) => f.start < g.end && g.start < f.end)) tp++;
      }
    }
    expect(tp / gold).toBeGreaterThanOrEqual(0.95);
  });
});
