import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Sec0Appender } from "@sec0/audit";
import { describe, expect, it } from "vitest";
import { createTestKey, type TestKey } from "../__fixtures__/audit-log.js";
import { captureIo } from "../__fixtures__/capture-io.js";
import { runCli } from "../program.js";
import { EXIT_ORPHANS } from "./audit-graph.js";
import { VERIFY_EXIT_CODES } from "./audit-verify-report.js";

const DAY = "audit-2026-01-01.ndjson";
const ok = { policy: { decision: "allow" }, status: "ok" };

/** Trace A in dir a (orchestrator → agent → gateway); in dir b, trace B continues the gateway's hop. */
const DIR_A = [
  {
    trace_id: "trace-a",
    span_id: "span-orch",
    node_type: "agent_orchestrator",
    agent_orchestrator: "planner",
    latency_ms: 40,
  },
  {
    trace_id: "trace-a",
    span_id: "span-agent",
    parent_span_id: "span-orch",
    node_type: "agent",
    agent: "researcher",
    latency_ms: 30,
  },
  {
    trace_id: "trace-a",
    span_id: "span-gw",
    parent_span_id: "span-agent",
    node_type: "gateway",
    gateway: "edge@1.0",
    tool: "search@1.0",
    latency_ms: 20,
  },
];
const DIR_B = [
  {
    trace_id: "trace-b",
    span_id: "span-mw",
    cause_trace_id: "trace-a",
    cause_span_id: "span-gw",
    node_type: "middleware",
    server: "files",
    target_tool_ref: "mcp://files/read_file@1.0",
    latency_ms: 10,
  },
  {
    trace_id: "trace-b",
    span_id: "span-tool",
    parent_span_id: "span-mw",
    node_type: "tool",
    tool: "read_file",
    latency_ms: 5,
  },
  {
    trace_id: "trace-c",
    span_id: "span-c",
    node_type: "agent",
    agent: "other",
    policy: { decision: "deny" },
    status: "error",
    latency_ms: 1,
  },
];

async function writeDir(
  dir: string,
  key: TestKey,
  records: ReadonlyArray<Record<string, unknown>>,
  from = 0,
) {
  const appender = new Sec0Appender({ config: { dir }, signer: key.signer });
  for (const [i, record] of records.entries()) {
    await appender.append({ ts: `2026-01-01T10:00:0${from + i}.000Z`, ...ok, ...record });
  }
  await appender.close();
}

async function writeLogs(): Promise<{ cwd: string; key: TestKey; pub: string }> {
  const cwd = await mkdtemp(join(tmpdir(), "sec0-cli-graph-"));
  const key = createTestKey();
  await writeDir(join(cwd, "a", ".sec0"), key, DIR_A);
  await writeDir(join(cwd, "b", ".sec0"), key, DIR_B, DIR_A.length);
  return { cwd, key, pub: key.publicKeyBase64 };
}

async function graph(cwd: string, args: readonly string[]) {
  const io = captureIo(cwd);
  const code = await runCli(["audit", "graph", ...args], io);
  return { code, out: io.out, err: io.err };
}

describe("sec0 audit graph", () => {
  it("prints one tree across both directories, joined by the cause hop, and exits 0", async () => {
    const { cwd, pub } = await writeLogs();
    const { code, out } = await graph(cwd, ["a/.sec0", "b/.sec0", "--public-key", pub]);
    expect(code).toBe(0);
    const a = `a/.sec0/${DAY}`;
    const b = `b/.sec0/${DAY}`;
    expect(out).toBe(
      [
        "ok   a/.sec0: valid, 1 file(s)",
        "ok   b/.sec0: valid, 1 file(s)",
        "traces trace-a, trace-b",
        `agent_orchestrator planner · allow · ok · 40ms · ${a}:1`,
        `└─ agent researcher · allow · ok · 30ms · ${a}:2`,
        `   └─ gateway edge@1.0 search@1.0 · allow · ok · 20ms · ${a}:3`,
        `      └─ (cause) middleware files mcp://files/read_file@1.0 · allow · ok · 10ms · ${b}:1`,
        `         └─ tool read_file · allow · ok · 5ms · ${b}:2`,
        "trace trace-c",
        `agent other · deny · error · 1ms · ${b}:3`,
        "2 tree(s), 6 hop(s)",
        "",
      ].join("\n"),
    );
  });

  it("--json gives trees with record fields, sources and children, plus orphans and verification", async () => {
    const { cwd, pub } = await writeLogs();
    const { code, out } = await graph(cwd, ["a/.sec0", "b/.sec0", "--key", pub, "--json"]);
    expect(code).toBe(0);
    const report = JSON.parse(out);
    expect(report.orphans).toEqual([]);
    expect(report.verification).toMatchObject([
      { dir: "a/.sec0", status: "valid", signaturesChecked: true, files: 1, untraced: 0 },
      { dir: "b/.sec0", status: "valid", signaturesChecked: true, files: 1, untraced: 0 },
    ]);
    expect(report.trees).toHaveLength(2);
    expect(report.trees[0]).toMatchObject({
      trace_ids: ["trace-a", "trace-b"],
      root: {
        span_id: "span-orch",
        node_type: "agent_orchestrator",
        policy: { decision: "allow" },
        source: { file: `a/.sec0/${DAY}`, line: 1 },
        via: "root",
        children: [
          {
            span_id: "span-agent",
            via: "parent",
            children: [
              {
                span_id: "span-gw",
                seq: 3,
                children: [
                  {
                    span_id: "span-mw",
                    trace_id: "trace-b",
                    via: "cause",
                    source: { file: `b/.sec0/${DAY}`, line: 1 },
                    children: [{ span_id: "span-tool", via: "parent", children: [] }],
                  },
                ],
              },
            ],
          },
        ],
      },
    });
    expect(report.trees[1]).toMatchObject({
      trace_ids: ["trace-c"],
      root: { span_id: "span-c", children: [] },
    });
  });

  it("--dot prints a digraph with the parent and cause edges, verification on stderr", async () => {
    const { cwd, pub } = await writeLogs();
    const { code, out, err } = await graph(cwd, ["a/.sec0", "b/.sec0", "--public-key", pub, "--dot"]);
    expect(code).toBe(0);
    expect(out).toMatch(/^digraph sec0_audit \{\n/);
    expect(out).toMatch(/\}\n$/);
    expect(out).toContain('"trace-a/span-orch" -> "trace-a/span-agent";');
    expect(out).toContain('"trace-a/span-agent" -> "trace-a/span-gw";');
    expect(out).toContain('"trace-a/span-gw" -> "trace-b/span-mw" [style=dashed, label="cause"];');
    expect(out).toContain('"trace-b/span-mw" -> "trace-b/span-tool";');
    expect(out).toContain('"trace-c/span-c" [label="agent other · deny · error · 1ms');
    expect(out).not.toContain("ok   a/.sec0");
    expect(err).toContain("ok   a/.sec0: valid");
  });

  it("--trace keeps only the trees holding that trace id", async () => {
    const { cwd, pub } = await writeLogs();
    const b = await graph(cwd, ["a/.sec0", "b/.sec0", "--public-key", pub, "--trace", "trace-b", "--json"]);
    expect(b.code).toBe(0);
    expect(JSON.parse(b.out).trees.map((tree: { trace_ids: string[] }) => tree.trace_ids)).toEqual([
      ["trace-a", "trace-b"],
    ]);
    const c = await graph(cwd, ["a/.sec0", "b/.sec0", "--public-key", pub, "--trace", "trace-c"]);
    expect(c.code).toBe(0);
    expect(c.out).toContain("trace trace-c\nagent other");
    expect(c.out).not.toContain("planner");
    const none = await graph(cwd, ["a/.sec0", "b/.sec0", "--public-key", pub, "--trace", "nope"]);
    expect(none.code).toBe(0);
    expect(none.err).toContain("no tree holds trace nope");
  });

  it("reports an orphan (parent_span_id pointing nowhere) and exits 6", async () => {
    const { cwd, key, pub } = await writeLogs();
    const orphan = {
      trace_id: "trace-a",
      span_id: "span-lost",
      parent_span_id: "span-missing",
      node_type: "skill",
      skill: "summarise",
    };
    await writeDir(join(cwd, "b", ".sec0"), key, [orphan], 7);
    const text = await graph(cwd, ["a/.sec0", "b/.sec0", "--public-key", pub]);
    expect(text.code).toBe(EXIT_ORPHANS);
    expect(text.out).toContain(
      `ORPHAN (parent_span_id span-missing not found) skill summarise · allow · ok · b/.sec0/${DAY}:5`,
    );
    expect(text.out).toContain("3 tree(s), 7 hop(s), 1 orphan(s)");
    const json = await graph(cwd, ["a/.sec0", "b/.sec0", "--public-key", pub, "--json"]);
    expect(json.code).toBe(EXIT_ORPHANS);
    expect(JSON.parse(json.out).orphans).toEqual([
      {
        trace_id: "trace-a",
        span_id: "span-lost",
        parent_span_id: "span-missing",
        cause_trace_id: null,
        cause_span_id: null,
        reason: "parent_not_found",
        source: { file: `b/.sec0/${DAY}`, line: 5 },
      },
    ]);
    // Its own tree only: --trace trace-c leaves it out.
    expect((await graph(cwd, ["a/.sec0", "b/.sec0", "--public-key", pub, "--trace", "trace-c"])).code).toBe(
      0,
    );
  });

  it("exits 1, as sec0 audit verify does, when a line was tampered with", async () => {
    const { cwd, pub } = await writeLogs();
    const path = join(cwd, "a", ".sec0", DAY);
    await writeFile(
      path,
      (await readFile(path, "utf8")).replace('"agent":"researcher"', '"agent":"intruder"'),
    );
    const { code, out } = await graph(cwd, ["a/.sec0", "b/.sec0", "--public-key", pub]);
    expect(code).toBe(VERIFY_EXIT_CODES.invalid);
    expect(out).toMatch(/^FAIL a\/\.sec0: invalid: .*line 2: signature_invalid/m);
    expect(out).toContain("ok   b/.sec0: valid");
    const json = await graph(cwd, ["a/.sec0", "b/.sec0", "--public-key", pub, "--json"]);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.out).verification[0]).toMatchObject({ status: "invalid", problem: { line: 2 } });
  });

  it("exits 2 without a key, and takes verify's key checks", async () => {
    const { cwd, key } = await writeLogs();
    const none = await graph(cwd, ["a/.sec0", "b/.sec0"]);
    expect(none.code).toBe(VERIFY_EXIT_CODES.unchecked);
    expect(none.out).toContain("FAIL a/.sec0: no key given");
    const other = await graph(cwd, [
      "a/.sec0",
      "--public-key",
      key.publicKeyBase64,
      "--key-id",
      `ed25519:${"0".repeat(64)}`,
    ]);
    expect(other.code).toBe(1);
    expect(other.err).toContain("AUDIT_VERIFY_KEY_ID_MISMATCH");
  });

  it("is a usage error without a directory, with an unknown option, or with --json and --dot", async () => {
    const { cwd, pub } = await writeLogs();
    const missing = await graph(cwd, []);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain("missing required argument 'dir'");
    const unknown = await graph(cwd, ["a/.sec0", "--nope"]);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain("unknown option '--nope'");
    const both = await graph(cwd, ["a/.sec0", "--public-key", pub, "--json", "--dot"]);
    expect(both.code).toBe(1);
    expect(both.err).toContain("pass one of --json and --dot");
    const nowhere = await graph(cwd, ["nowhere", "--public-key", pub]);
    expect(nowhere.code).toBe(1);
    expect(nowhere.err).toContain("AUDIT_PATH_NOT_FOUND");
  });

  it("uses an exit code for orphans that sec0 audit verify does not", () => {
    expect(Object.values(VERIFY_EXIT_CODES)).not.toContain(EXIT_ORPHANS);
    expect(EXIT_ORPHANS).toBe(Math.max(...Object.values(VERIFY_EXIT_CODES)) + 1);
  });
});
