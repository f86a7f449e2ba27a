// `skills`: the skill a tool call runs is checked by @sec0/guard's skill gate before the call is
// decided, on real skill folders in a temp workspace, with the rows read back from the audit log.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { isSec0Error } from "@sec0/core";
import { afterEach, describe, expect, it } from "vitest";
import { createWorkspace } from "./__fixtures__/openclaw-fixtures.js";
import { HOSTILE_SKILL_MD, writeSkill } from "./__fixtures__/skill-fixtures.js";
import { createMoltbotHooks, type MoltbotHooks } from "./create-moltbot-hooks.js";
import type {
  MoltbotDecisionEvent,
  MoltbotSkillScanEvent,
  MoltbotSkillsConfig,
  Sec0MoltbotConfig,
} from "./moltbot-config.js";

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const REF = "clawhub/acme/pdf-tools@1.2.0";
const ctx = (toolName: string) => ({ toolName, sessionKey: "agent:main:sk", agentId: "main" });

function setup(skills: Partial<MoltbotSkillsConfig> = {}, overrides: Partial<Sec0MoltbotConfig> = {}) {
  const workspace = createWorkspace("skills");
  cleanups.push(workspace.cleanup);
  const good = writeSkill(workspace.dir, "pdf-tools");
  const hostile = writeSkill(workspace.dir, "hostile", HOSTILE_SKILL_MD);
  const scans: MoltbotSkillScanEvent[] = [];
  const decisions: MoltbotDecisionEvent[] = [];
  // The skill a call runs: `params.skill` names the folder (`read_file` runs none).
  const resolve: MoltbotSkillsConfig["resolve"] = ({ params }) =>
    typeof params.skill === "string"
      ? { ref: (params.ref as string | undefined) ?? REF, dir: join(workspace.dir, "skills", params.skill) }
      : undefined;
  const hooks: MoltbotHooks = createMoltbotHooks(
    workspace.config({
      allowlist: ["*"],
      skills: { enabled: true, resolve, onScan: (event) => scans.push(event), ...skills },
      onDecision: (event) => decisions.push(event),
      ...overrides,
    }),
  );
  cleanups.push(() => hooks.close());
  let n = 0;
  const call = async (params: Record<string, unknown>, toolName = "pdf_extract") => {
    const toolCallId = `call-${n++}`;
    const verdict = await hooks.beforeToolCall({ toolName, params, toolCallId }, ctx(toolName));
    if (verdict?.block !== true)
      await hooks.afterToolCall({ toolName, params, toolCallId, result: "ok" }, ctx(toolName));
    return verdict;
  };
  const rows = async () => {
    await hooks.flush();
    return readdirSync(workspace.auditDir)
      .filter((file) => /^audit-.*\.ndjson$/.test(file))
      .flatMap((file) =>
        readFileSync(join(workspace.auditDir, file), "utf8")
          .split("\n")
          .filter((l) => l !== ""),
      )
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((row) => row.kind === undefined || row.kind === "record");
  };
  return { workspace, hooks, good, hostile, scans, decisions, call, rows };
}

describe("skills", () => {
  it("allows a clean skill, writing the gate's node_type: skill row beside the call's row", async () => {
    const { call, rows, scans } = setup();
    expect(await call({ skill: "pdf-tools", file: "a.pdf" })).toBeUndefined();
    expect(scans.map((s) => [s.toolName, s.verdict.allowed, s.verdict.change])).toEqual([
      ["pdf_extract", true, "first_seen"],
    ]);
    const all = await rows();
    const skillRow = all.find((row) => row.node_type === "skill");
    expect(skillRow).toMatchObject({
      skill: "clawhub/acme/pdf-tools",
      skill_ref: REF,
      decision: "allow",
      scan_status: "pass",
    });
    const toolRow = all.find((row) => row.node_type !== "skill");
    expect(toolRow).toMatchObject({
      target_tool: "pdf_extract",
      policy: { decision: "allow" },
      openclaw: {
        skill: {
          allowed: true,
          change: "first_seen",
          ref: expect.stringMatching(/^clawhub\/acme\/pdf-tools@1\.2\.0#sha256:[0-9a-f]{64}$/),
        },
      },
    });
  });

  it("blocks a call whose skill fails its scan (enforce), and writes a deny skill row", async () => {
    const { call, rows, decisions } = setup();
    const verdict = await call({ skill: "hostile" });
    expect(verdict).toMatchObject({ block: true });
    expect(decisions.at(-1)).toMatchObject({ outcome: "block", reason: "skill_scan_failed" });
    const skillRow = (await rows()).find((row) => row.node_type === "skill");
    expect(skillRow).toMatchObject({ decision: "deny", reason: "skill_scan_failed", scan_status: "fail" });
  });

  it("rescans a skill whose code changed since it was allowed, and refuses the change", async () => {
    const { call, good } = setup();
    expect(await call({ skill: "pdf-tools" })).toBeUndefined();
    expect(await call({ skill: "pdf-tools" })).toBeUndefined();
    writeFileSync(join(good, "SKILL.md"), HOSTILE_SKILL_MD);
    expect(await call({ skill: "pdf-tools" })).toMatchObject({ block: true });
  });

  it("records would_block in observe mode and lets the call run", async () => {
    const { call, decisions, rows } = setup({}, { mode: "observe" });
    expect(await call({ skill: "hostile" })).toBeUndefined();
    expect(decisions.at(-1)).toMatchObject({ hook: "before_tool_call", outcome: "allow" });
    const toolRow = (await rows()).find((row) => row.node_type !== "skill");
    expect(JSON.stringify(toolRow)).toContain("would_deny");
  });

  it("applies the policy's skills section (unpinned versions refused)", async () => {
    const { call, decisions } = setup(
      {},
      { policyOverrides: { skills: { deny_if_unpinned_version: true } } },
    );
    expect(await call({ skill: "pdf-tools", ref: "clawhub/acme/pdf-tools@latest" })).toMatchObject({
      block: true,
    });
    expect(decisions.at(-1)).toMatchObject({ outcome: "block", reason: "version_unpinned" });
  });

  it("reuses a verdict for cacheTtlMs, checks calls with no skill not at all", async () => {
    const { call, scans, rows } = setup({ cacheTtlMs: 60_000 });
    await call({ skill: "pdf-tools" });
    await call({ skill: "pdf-tools" });
    await call({ path: "notes.md" }, "read_file");
    expect(scans).toHaveLength(1);
    expect((await rows()).filter((row) => row.node_type === "skill")).toHaveLength(1);
  });

  it("fails closed when resolve throws or names a malformed ref", async () => {
    const { call } = setup({
      resolve: ({ params }) => {
        if (params.boom === true) throw new Error("resolver broke");
        return { ref: "not a ref", content: "# x" };
      },
    });
    expect(await call({ boom: true })).toMatchObject({ block: true });
    expect(await call({})).toMatchObject({ block: true });
  });

  it.each([
    [{ enabled: "yes" }, "skills.enabled"],
    [{ enabled: true }, "skills.resolve"],
    [{ enabled: true, resolve: () => undefined, cacheTtlMs: -1 }, "skills.cacheTtlMs"],
    [{ enabled: true, resolve: () => undefined, blockOnSeverity: "severe" }, "skills.blockOnSeverity"],
    [{ enabled: true, resolve: () => undefined, scanOnChangeOnly: "no" }, "skills.scanOnChangeOnly"],
    [{ enabled: true, resolve: () => undefined, onScan: 1 }, "skills.onScan"],
  ])("refuses %j naming %s", (skills, field) => {
    const workspace = createWorkspace("skills-bad");
    cleanups.push(workspace.cleanup);
    try {
      createMoltbotHooks(workspace.config({ skills: skills as never }));
      expect.unreachable();
    } catch (error) {
      expect(isSec0Error(error) && [error.code, error.details?.field]).toEqual([
        "SDK_OPENCLAW_CONFIG_INVALID",
        field,
      ]);
    }
  });
});
