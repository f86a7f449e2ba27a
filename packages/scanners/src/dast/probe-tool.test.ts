import { describe, expect, it } from "vitest";
import { probeTool } from "./probe-tool.js";
import { DEFAULT_PROBES } from "./probes.js";

const rules = (report: { findings: readonly { ruleId: string }[] }) => [
  ...new Set(report.findings.map((f) => f.ruleId)),
];

describe("probeTool", () => {
  it("passes a tool that handles every probe cleanly, after calling it once per probe", async () => {
    const calls: Record<string, unknown>[] = [];
    const report = await probeTool({
      argNames: ["path", "query"],
      invoke: async (args) => {
        calls.push(args);
        if (typeof args.path !== "string") throw new TypeError("path must be a string");
        return { ok: true, length: args.path.length };
      },
    });
    expect(report).toMatchObject({ kind: "dast", status: "pass", findings: [], scanner: "dast-probe@1" });
    expect(calls).toHaveLength(DEFAULT_PROBES.length);
    expect(DEFAULT_PROBES.length).toBeLessThanOrEqual(32);
    expect(calls[0]).toEqual({ path: "../../../../etc/passwd", query: "../../../../etc/passwd" });
  });

  it("reports file disclosure through path traversal (CWE-22)", async () => {
    const report = await probeTool({
      argNames: ["path"],
      invoke: async ({ path }) =>
        decodeURIComponent(decodeURIComponent(String(path))).includes("passwd")
          ? "root:x:0:0:root:/root:/bin/bash\n"
          : "no such file",
    });
    // `| cat /etc/passwd` also brings the file back: from outside, that is indistinguishable from a shell.
    expect(rules(report)).toEqual(["dast/file-disclosure", "dast/command-injection"]);
    expect(report.findings[0]).toMatchObject({ severity: "high", cwe: ["CWE-22"], source: "dast-probe" });
    expect(report.findings.map((f) => f.message).join()).toContain("path-traversal/url-encoded");
  });

  it("reports a Windows file disclosure", async () => {
    const report = await probeTool({
      invoke: async ({ input }) =>
        String(input).includes("win.ini") ? "; for 16-bit app support\n[fonts]\n[extensions]\n" : "",
    });
    expect(rules(report)).toEqual(["dast/file-disclosure"]);
  });

  it("reports command injection when id output comes back (CWE-78)", async () => {
    const report = await probeTool({
      argNames: ["cmd"],
      invoke: async ({ cmd }) =>
        /\bid\b/.test(String(cmd)) ? "uid=0(root) gid=0(root) groups=0(root)" : "done",
    });
    expect(rules(report)).toEqual(["dast/command-injection"]);
    expect(report.findings[0]).toMatchObject({ severity: "critical", cwe: ["CWE-78"] });
  });

  it("reports prompt-injection payloads reflected verbatim (CWE-74, CWE-1427)", async () => {
    const report = await probeTool({
      argNames: ["text"],
      invoke: async ({ text }) => `You said: ${String(text).slice(0, 200)}`,
    });
    expect(rules(report)).toEqual(["dast/prompt-injection-reflected"]);
    expect(report.findings).toHaveLength(4);
    expect(report.findings[0]!.cwe).toEqual(["CWE-74", "CWE-1427"]);
  });

  it("reports throws of non-Error values, but not clean errors", async () => {
    const report = await probeTool({
      invoke: async ({ input }) => {
        if (input === null) throw "boom";
        throw new Error("invalid input");
      },
    });
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({ ruleId: "dast/unclean-error", cwe: ["CWE-755"] });
    expect(report.findings[0]!.message).toContain("malformed/null");
  });

  it("reports a probe that does not answer in time, and respects maxProbes", async () => {
    let calls = 0;
    const report = await probeTool({
      timeoutMs: 20,
      maxProbes: 3,
      invoke: () => {
        calls += 1;
        return new Promise(() => {});
      },
    });
    expect(calls).toBe(3);
    expect(report.findings.map((f) => f.ruleId)).toEqual([
      "dast/probe-timeout",
      "dast/probe-timeout",
      "dast/probe-timeout",
    ]);
  });

  it("reports prototype pollution by a naive merge (CWE-1321) and cleans it up", async () => {
    const merge = (target: Record<string, unknown>, source: Record<string, unknown>) => {
      for (const key in source) {
        const value = source[key];
        if (typeof value === "object" && value !== null) {
          target[key] ??= {};
          merge(target[key] as Record<string, unknown>, value as Record<string, unknown>);
        } else target[key] = value;
      }
      return target;
    };
    const report = await probeTool({ invoke: async (args) => Object.keys(merge({}, args)).length });
    expect(rules(report)).toEqual(["dast/prototype-pollution"]);
    expect("sec0Polluted" in Object.prototype).toBe(false);
  });

  it("adds the engine's own output findings", async () => {
    const report = await probeTool({
      maxProbes: 2,
      invoke: async () => "AKIAIOSFODNN7EXAMPLE",
      checkOutput: (output) =>
        String(output).startsWith("AKIA")
          ? [
              {
                ruleId: "secrets.aws_access_key",
                message: "AWS key in output",
                severity: "high",
                source: "detector",
              },
            ]
          : [],
    });
    expect(report.findings.map((f) => f.message)).toEqual([
      "AWS key in output (probe path-traversal/unix)",
      "AWS key in output (probe path-traversal/windows)",
    ]);
  });
});
