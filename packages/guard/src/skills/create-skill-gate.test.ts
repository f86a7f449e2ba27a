import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ScanReport } from "@sec0/core";
import { compilePolicy, parsePolicyYaml } from "@sec0/policy";
import { createMemoryAuditSink } from "@sec0/testkit";
import { describe, expect, it } from "vitest";
import { createFileScanStore } from "../scan/scan-store.js";
import type { ScanRunner, ScanTarget } from "../scan/scan-types.js";
import { createSkillGate } from "./create-skill-gate.js";
import { createSkillScanner } from "./create-skill-scanner.js";
import type { SkillGateOptions } from "./skill-gate-types.js";

const FIXTURES = fileURLToPath(new URL("./__fixtures__/", import.meta.url));
const PDF_TOOLS = join(FIXTURES, "pdf-tools");
const HOSTILE = join(FIXTURES, "hostile-skill");
const REF = "clawhub/acme/pdf-tools@1.2.0";
const silent = { debug() {}, info() {}, warn() {}, error() {} };

const skillsPolicy = (yaml = "skills: {}\n") =>
  compilePolicy(parsePolicyYaml(`tenant: t\n${yaml}`)).scans.skills;

function setup(yaml?: string, extra: Partial<SkillGateOptions> = {}) {
  const dir = mkdtempSync(join(tmpdir(), "sec0-skills-"));
  const scans: ScanTarget[] = [];
  const real = createSkillScanner();
  const counting: ScanRunner = (target) => {
    scans.push(target);
    return real(target);
  };
  const baselinePath = join(dir, "skills-baseline.json");
  const make = (more: Partial<SkillGateOptions> = {}) =>
    createSkillGate({
      policy: skillsPolicy(yaml),
      store: createFileScanStore(join(dir, "scans"), silent),
      baselinePath,
      scan: counting,
      logger: silent,
      ...extra,
      ...more,
    });
  return { dir, scans, baselinePath, make, gate: make() };
}

const baselineOf = (path: string) => JSON.parse(readFileSync(path, "utf8"));

describe("createSkillGate", () => {
  it("scans a skill on first sight, allows the ordinary one and commits it to the baseline", async () => {
    const { gate, scans, baselinePath } = setup();
    const verdict = await gate.check({ ref: REF, dir: PDF_TOOLS });
    expect(verdict).toMatchObject({ allowed: true, reasons: [], findings: [], change: "first_seen" });
    expect(verdict.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(verdict.revisionRef).toBe(`${REF}#sha256:${verdict.digest}`);
    expect(scans).toHaveLength(1);
    expect(scans[0]?.source).toContain("scripts/extract.py\u0000import sys");
    await gate.close();
    expect(baselineOf(baselinePath)).toEqual({
      version: 1,
      skills: { "clawhub/acme/pdf-tools": { version: "1.2.0", digest: verdict.digest } },
    });
  });

  it("does not rescan an unchanged skill, rescans a changed digest (code_changed) and names a version change", async () => {
    const { gate, scans } = setup();
    const text =
      "# PDF tools\nUse this skill to extract text from PDF files. Run scripts/extract.py <file>.\n";
    await gate.check({ ref: REF, content: text });
    const same = await gate.check({ ref: REF, content: text });
    expect(same).toMatchObject({ allowed: true, change: "unchanged" });
    expect(scans).toHaveLength(1);
    const edited = await gate.check({ ref: REF, content: `${text}Pages are separated by a form feed.\n` });
    expect(edited).toMatchObject({ allowed: true, reasons: [], change: "code_changed" });
    expect(scans).toHaveLength(2);
    const bumped = await gate.check({ ref: "clawhub/acme/pdf-tools@1.3.0", content: text });
    expect(bumped).toMatchObject({ allowed: true, reasons: [], change: "version_changed" });
  });

  it("refuses a skill whose SKILL.md carries injected instructions, naming the file, and audits the refusal", async () => {
    const sink = createMemoryAuditSink();
    const { gate, baselinePath } = setup(undefined, { auditSink: sink, tenant: "acme" });
    const verdict = await gate.check({ ref: "clawhub/mallory/pdf-helper@1.0.0", dir: HOSTILE });
    expect(verdict.allowed).toBe(false);
    expect(verdict.reasons).toEqual(["skill_scan_failed"]);
    expect(verdict.findings.map((finding) => finding.ruleId)).toContain("skill/prompt_injection");
    expect(verdict.findings.every((finding) => finding.file === "SKILL.md")).toBe(true);
    expect(verdict.findings.find((finding) => finding.ruleId === "skill/prompt_injection")?.line).toBe(11);
    await gate.close();
    expect(existsSync(baselinePath)).toBe(false);
    expect(sink.records).toHaveLength(1);
    expect(sink.records[0]).toMatchObject({
      tenant: "acme",
      node_type: "skill",
      skill: "clawhub/mallory/pdf-helper",
      skill_ref: "clawhub/mallory/pdf-helper@1.0.0",
      skill_revision: `clawhub/mallory/pdf-helper@1.0.0#sha256:${verdict.digest}`,
      skill_digest: verdict.digest,
      skill_change: "first_seen",
      decision: "deny",
      reason: "skill_scan_failed",
      policy: { decision: "deny", reason: "skill_scan_failed" },
      scan_status: "fail",
    });
    expect(sink.records[0]?.trace_id).toMatch(/^[0-9a-f]{32}$/);
    expect(sink.records[0]?.scan_findings).toContainEqual(
      expect.objectContaining({ rule_id: "skill/prompt_injection", file: "SKILL.md", line: 11 }),
    );
  });

  it("refuses an unpinned version with deny_if_unpinned_version, and a skill outside the allowlist", async () => {
    const { gate, scans } = setup(
      "skills:\n  deny_if_unpinned_version: true\n  allowlist: ['clawhub/acme/*']\n",
    );
    expect(await gate.check({ ref: "clawhub/acme/pdf-tools@latest", dir: PDF_TOOLS })).toMatchObject({
      allowed: false,
      reasons: ["version_unpinned"],
    });
    expect(await gate.check({ ref: "clawhub/other/pdf-tools@1.2.0", dir: PDF_TOOLS })).toMatchObject({
      allowed: false,
      reasons: ["tool_not_in_allowlist"],
    });
    expect(await gate.check({ ref: REF, dir: PDF_TOOLS })).toMatchObject({ allowed: true });
    expect(scans).toHaveLength(1); // refused before the scan
  });

  it("refuses content that is not the ref's #digest, with a critical skill/digest-mismatch finding", async () => {
    const { gate, scans } = setup();
    const verdict = await gate.check({ ref: `${REF}#sha256:${"0".repeat(64)}`, dir: PDF_TOOLS });
    expect(verdict).toMatchObject({ allowed: false, reasons: ["skill_scan_failed"] });
    expect(verdict.findings).toEqual([
      expect.objectContaining({ ruleId: "skill/digest-mismatch", severity: "critical" }),
    ]);
    expect(scans).toHaveLength(0);
    const good = await gate.check({ ref: `${REF}#sha256:${verdict.digest.toUpperCase()}`, dir: PDF_TOOLS });
    expect(good).toMatchObject({ allowed: true, digest: verdict.digest });
  });

  it("moves a damaged baseline aside, starts empty and writes a fresh one", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sec0-skills-"));
    const baselinePath = join(dir, "skills-baseline.json");
    writeFileSync(baselinePath, '{ "version": 1, "skills": { torn');
    const warnings: string[] = [];
    const logger = { ...silent, warn: (_fields: object, message: string) => void warnings.push(message) };
    const { gate } = setup(undefined, { baselinePath, logger });
    expect(warnings.join()).toContain("did not parse");
    expect(readdirSync(dir).some((name) => name.startsWith("skills-baseline.json.corrupt-"))).toBe(true);
    expect(await gate.check({ ref: REF, dir: PDF_TOOLS })).toMatchObject({
      allowed: true,
      change: "first_seen",
    });
    expect(baselineOf(baselinePath).skills["clawhub/acme/pdf-tools"].version).toBe("1.2.0");
  });

  it("remembers a failed scan across a restart (same store dir): refused again without a rescan", async () => {
    const { gate, make, scans } = setup();
    const ref = "clawhub/mallory/pdf-helper@1.0.0";
    expect(await gate.check({ ref, dir: HOSTILE })).toMatchObject({ reasons: ["skill_scan_failed"] });
    await gate.close();
    const restarted = make();
    const again = await restarted.check({ ref, dir: HOSTILE });
    expect(again).toMatchObject({ allowed: false, reasons: ["skill_scan_failed"], change: "first_seen" });
    expect(again.findings.some((finding) => finding.file === "SKILL.md")).toBe(true);
    expect(scans).toHaveLength(1);
  });

  it("rescans every check with scan_on_change_only: false, and fails closed when the scanner throws", async () => {
    const { gate, scans } = setup("skills:\n  scan_on_change_only: false\n");
    await gate.check({ ref: REF, dir: PDF_TOOLS });
    await gate.check({ ref: REF, dir: PDF_TOOLS });
    expect(scans).toHaveLength(2);
    const broken = setup(undefined, {
      scan: async (): Promise<ScanReport> => Promise.reject(new Error("boom")),
    });
    expect(await broken.gate.check({ ref: REF, dir: PDF_TOOLS })).toMatchObject({
      allowed: false,
      reasons: ["skill_scan_failed"],
    });
  });

  it("throws the policy's coded error for a malformed ref, and GUARD_CONFIG_INVALID for content and dir together", async () => {
    const { gate } = setup();
    await expect(gate.check({ ref: "pdf-tools", content: "x" })).rejects.toMatchObject({
      code: "POLICY_SKILL_REF_INVALID",
    });
    await expect(gate.check({ ref: REF, content: "x", dir: PDF_TOOLS })).rejects.toMatchObject({
      code: "GUARD_CONFIG_INVALID",
    });
  });

  it("picks up a hostile edit of a committed skill: the new digest is code_changed and refused", async () => {
    const { gate, dir } = setup();
    const copy = join(dir, "pdf-tools");
    cpSync(PDF_TOOLS, copy, { recursive: true });
    expect(await gate.check({ ref: REF, dir: copy })).toMatchObject({ allowed: true });
    cpSync(join(HOSTILE, "SKILL.md"), join(copy, "SKILL.md"));
    expect(await gate.check({ ref: REF, dir: copy })).toMatchObject({
      allowed: false,
      reasons: ["skill_scan_failed"],
      change: "code_changed",
    });
  });
});
