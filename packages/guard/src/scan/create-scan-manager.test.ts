import { existsSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ScanFinding, ScanReport } from "@sec0/core";
import { createFixedClock } from "@sec0/testkit";
import { describe, expect, it } from "vitest";
import { createScanManager } from "./create-scan-manager.js";
import { createFileScanStore } from "./scan-store.js";
import type { ScanTarget, ScanThresholds } from "./scan-types.js";

const SYNC: ScanThresholds = {
  mode: "sync",
  blockOnChange: true,
  blockOnSeverity: "high",
  cacheTtlMs: 60_000,
  timeoutMs: 1_000,
};
const TARGET: ScanTarget = { kind: "sast", subject: "mcp://files/read@1.0", digest: "d1", source: "() => 1" };
const HIGH: ScanFinding = {
  ruleId: "sec0/child-process",
  message: "runs a shell",
  severity: "high",
  source: "eslint",
};
const LOW: ScanFinding = {
  ruleId: "security/detect-object-injection",
  message: "x[y]",
  severity: "low",
  source: "eslint",
};

function report(findings: readonly ScanFinding[], kind: ScanReport["kind"] = "sast"): ScanReport {
  return {
    kind,
    status: findings.length === 0 ? "pass" : "fail",
    findings,
    scanner: "test",
    evidenceSha256: "0".repeat(64),
    durationMs: 1,
  };
}

describe("createScanManager", () => {
  it("scans a code identity once, however many calls wait for it, and trusts the result for the TTL", async () => {
    const clock = createFixedClock(0);
    let scans = 0;
    const manager = createScanManager({
      clock,
      runners: {
        sast: async () => {
          scans += 1;
          return report([]);
        },
      },
    });
    const [a, b] = await Promise.all([manager.check(TARGET, SYNC), manager.check(TARGET, SYNC)]);
    expect(a).toEqual({ reasons: [], findings: [] });
    expect(b).toEqual(a);
    expect(manager.check(TARGET, SYNC)).toEqual(a); // known: answered without a promise
    expect(scans).toBe(1);
    clock.advance(60_001);
    await manager.check(TARGET, SYNC);
    expect(scans).toBe(2);
  });

  it("refuses a failed scan as sast_failed at or above block_on_severity, or at block_on_count", async () => {
    const manager = createScanManager({
      runners: { sast: async (target) => report(target.digest === "bad" ? [HIGH] : [LOW]) },
    });
    expect(await manager.check({ ...TARGET, digest: "bad" }, SYNC)).toMatchObject({
      reasons: ["sast_failed"],
      findings: [HIGH],
    });
    expect(await manager.check({ ...TARGET, digest: "low" }, SYNC)).toEqual({ reasons: [], findings: [] });
    expect(await manager.check({ ...TARGET, digest: "low2" }, { ...SYNC, blockOnCount: 1 })).toMatchObject({
      reasons: ["sast_failed"],
    });
  });

  it("fails closed: a scanner that throws, or no scanner at all, blocks the changed code", async () => {
    const throwing = createScanManager({
      runners: { sast: async () => Promise.reject(new Error("eslint crashed")) },
    });
    expect(await throwing.check(TARGET, SYNC)).toMatchObject({ reasons: ["sast_failed"] });
    const none = createScanManager({ runners: {} });
    expect(await none.check(TARGET, SYNC)).toMatchObject({ reasons: ["sast_failed"] });
  });

  it("in sync mode waits up to timeout_ms, then refuses as pending; in background mode pending blocks only with block_on_change", async () => {
    let release: (value: ScanReport) => void = () => {};
    const slow = createScanManager({
      runners: { sast: () => new Promise((resolve) => (release = resolve)) },
    });
    expect(await slow.check(TARGET, { ...SYNC, timeoutMs: 20 })).toEqual({
      reasons: ["sast_pending"],
      findings: [],
    });
    expect(slow.check(TARGET, { ...SYNC, mode: "background" })).toEqual({
      reasons: ["sast_pending"],
      findings: [],
    });
    expect(slow.check(TARGET, { ...SYNC, mode: "background", blockOnChange: false })).toEqual({
      reasons: [],
      findings: [],
    });
    release(report([]));
    await slow.flush();
    expect(slow.check(TARGET, { ...SYNC, mode: "background" })).toEqual({ reasons: [], findings: [] });
  });

  it("blocks a tool that failed DAST for rule_ttl, then allows it again", async () => {
    const clock = createFixedClock(0);
    const manager = createScanManager({ clock, runners: { dast: async () => report([HIGH], "dast") } });
    const dast = { ...SYNC, ruleTtlMs: 10_000 };
    const target: ScanTarget = { kind: "dast", subject: TARGET.subject, digest: "d1" };
    expect(await manager.check(target, dast)).toMatchObject({ reasons: ["dast_failed"] });
    clock.advance(9_999);
    expect(manager.check(target, dast)).toMatchObject({ reasons: ["dast_failed"] });
    clock.advance(2);
    expect(manager.check(target, dast)).toEqual({ reasons: [], findings: [] });
  });

  it("tells onScanned about each finished scan once", async () => {
    const seen: string[] = [];
    const manager = createScanManager({
      runners: { sast: async () => report([HIGH]) },
      onScanned: (target, record) => seen.push(`${target.digest}:${record.status}:${record.findingCount}`),
    });
    await Promise.all([manager.check(TARGET, SYNC), manager.check(TARGET, SYNC)]);
    expect(seen).toEqual(["d1:fail:1"]);
  });
});

describe("createFileScanStore", () => {
  it("keeps results across restarts: no rescan, and a failure is not forgotten", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sec0-scans-"));
    let scans = 0;
    const runner = async (target: ScanTarget) => {
      scans += 1;
      return report(target.digest === "bad" ? [HIGH] : []);
    };
    const first = createScanManager({ store: createFileScanStore(dir, console), runners: { sast: runner } });
    await first.check(TARGET, SYNC);
    await first.check({ ...TARGET, digest: "bad" }, SYNC);
    await first.flush();
    const second = createScanManager({ store: createFileScanStore(dir, console), runners: { sast: runner } });
    expect(second.check(TARGET, SYNC)).toEqual({ reasons: [], findings: [] });
    expect(second.check({ ...TARGET, digest: "bad" }, SYNC)).toMatchObject({ reasons: ["sast_failed"] });
    expect(scans).toBe(2);
  });

  it("moves a damaged file aside and starts with nothing scanned (so changed code waits for a scan)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sec0-scans-"));
    writeFileSync(join(dir, "scan-results.json"), "{ torn");
    const warnings: string[] = [];
    const logger = { ...console, warn: (_fields: unknown, message: string) => void warnings.push(message) };
    const manager = createScanManager({
      store: createFileScanStore(dir, logger as never),
      runners: { sast: () => new Promise(() => {}) },
    });
    expect(warnings.join()).toContain("did not parse");
    expect(readdirSync(dir).some((name) => name.startsWith("scan-results.json.corrupt-"))).toBe(true);
    expect(existsSync(join(dir, "scan-results.json"))).toBe(false);
    expect(manager.check(TARGET, { ...SYNC, mode: "background" })).toEqual({
      reasons: ["sast_pending"],
      findings: [],
    });
  });
});
