// Every block a package README marks `<!-- quickstart -->` runs as pasted against the built
// packages: written to a scratch directory inside tests/docs (so `sec0-sdk` and `@sec0/*` resolve
// from tests/docs/node_modules to dist/), `js`/`ts` blocks as .mjs run with node, `sh` blocks with
// sh -e and the `sec0` bin on PATH. A quickstart must therefore be plain JavaScript.
//
// Files a README tells the reader to create first are created here, per README (see `prepare`).
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { delimiter, join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { afterAll, describe, expect, it } from "vitest";
import { extractQuickstartBlocks, type MarkedBlock } from "./markdown-blocks.js";
import {
  CLI_BIN,
  childEnv,
  createScratchDir,
  DOCS_DIR,
  describeRun,
  killRunningChildren,
  missingBuildReason,
  REPO_DIR,
  removeScratchDir,
  runProcess,
  writeSigningKey,
} from "./run-process.js";

/** The six-line policy of the quickstart in the seed docs (and of the sec0-sdk README). */
const SIX_LINE_POLICY = `tenant: my-app
default_retention: "30d"
signing:
  enabled: true
  key_ref: "file://./.sec0/keys/ed25519.key"
tools:
  allowlist: ["*"]
enforcement:
  deny_on: []
`;

interface ReadmeCase {
  readonly pkg: string;
  /** Creates what the README says must exist before the quickstart runs. */
  readonly prepare: (dir: string) => void;
  /** What the quickstart's comments promise it prints. */
  readonly check: (stdout: string, dir: string) => void;
}

const noFiles = (): void => {};

const CASES: readonly ReadmeCase[] = [
  {
    pkg: "core",
    prepare: noFiles,
    check: (out) => {
      expect(out.split("\n").slice(0, 2)).toEqual(["true", "false"]);
      expect(out).toContain("deny tool_not_in_allowlist");
      expect(out).toContain('{"a":[true,null],"b":1}');
      expect(out).toContain("planner");
    },
  },
  {
    pkg: "policy",
    prepare: noFiles,
    check: (out) => expect(out.trim()).toBe("deny fs_violation"),
  },
  {
    // README: the app-level guard signs into .sec0 with the key of `sec0 keygen`; then the engine.
    pkg: "guard",
    prepare: (dir) => writeSigningKey(dir),
    check: (out, dir) => {
      if (!out.startsWith("sent: ")) {
        expect(out.trim().split("\n")).toEqual([
          'audit: {"decision":"allow","retention":"unknown"}',
          "ok",
          'audit: {"decision":"deny","retention":"unknown","reason":"tool_not_in_allowlist"}',
          "tool_not_in_allowlist",
        ]);
        return;
      }
      expect(out.trim().split("\n")).toEqual(["sent: hi", "sent: mail [REDACTED]", "block supplier_review"]);
      expect(readdirSync(join(dir, ".sec0")).some((f) => /^audit-\d{4}-\d{2}-\d{2}\.ndjson$/.test(f))).toBe(
        true,
      );
    },
  },
  {
    // README: the `openssl rand -base64 32 > .sec0/keys/ed25519.key` block above the quickstart.
    pkg: "signer",
    prepare: (dir) => writeSigningKey(dir),
    check: (out) => {
      const [first, second] = out.trim().split("\n");
      expect(first).toMatch(/^ed25519:[0-9a-f]{64} ed25519:[A-Za-z0-9+/]{86}==$/);
      expect(second).toBe("true");
    },
  },
  {
    // README: a key at .sec0/keys/ed25519.key (as the signer README creates it).
    pkg: "audit",
    prepare: (dir) => writeSigningKey(dir),
    check: (out) => expect(out.trim()).toBe("valid undefined"),
  },
  {
    pkg: "evaluator",
    prepare: noFiles,
    check: (out) => {
      expect(out.startsWith("block [")).toBe(true);
      expect(out).toContain("agent_command_unsafe");
      expect(out).toContain('allow {"rows":[{"email":"[REDACTED:pii.email]","note":"ok"}]}');
    },
  },
  {
    // README: a key at .sec0/keys/ed25519.key; nothing listens on the target, so the call is a 502.
    pkg: "gateway",
    prepare: (dir) => writeSigningKey(dir),
    check: (out, dir) => {
      expect(out.trim()).toBe("502 UPSTREAM");
      expect(readdirSync(join(dir, ".sec0")).some((f) => /^audit-\d{4}-\d{2}-\d{2}\.ndjson$/.test(f))).toBe(
        true,
      );
    },
  },
  {
    // README install step: `npx sec0 keygen` writes .sec0/keys/ed25519.key.
    pkg: "middleware",
    prepare: (dir) => writeSigningKey(dir),
    check: (out, dir) => {
      expect(out).toMatch(/^\[\{"type":"text","text":"tool_not_in_allowlist: The call was refused: /);
      expect(readdirSync(join(dir, ".sec0")).some((f) => /^audit-\d{4}-\d{2}-\d{2}\.ndjson$/.test(f))).toBe(
        true,
      );
    },
  },
  {
    // README: the install step writes the key; the text above the quickstart gives policy.yaml.
    pkg: "sdk",
    prepare: (dir) => {
      writeSigningKey(dir);
      writeFileSync(join(dir, "policy.yaml"), SIX_LINE_POLICY);
    },
    // With stdin closed the stdio server starts, finds no client, and exits 0; the test below
    // talks MCP to it for real.
    check: (out) => expect(out).toBe(""),
  },
  {
    // The quickstart creates its own key and policy.
    pkg: "cli",
    prepare: noFiles,
    check: (out, dir) => {
      expect(out).toContain("policy.yaml: valid (tenant my-app, mode observe");
      // The public key went to audit.pub; an empty log is not valid evidence (exit 3).
      expect(readFileSync(join(dir, "audit.pub"), "utf8")).toMatch(/^[A-Za-z0-9+/]{43}=\n$/);
      expect(out).toContain("empty: no audit records in");
      expect(out).toContain("exit 3 (3: no records yet)");
    },
  },
];

/**
 * STYLE.md caps a quickstart at 15 lines. The policy README's (17 lines) predates this test and is
 * left to its owner; the exemption is listed here so the cap holds for every other README.
 */
const LENGTH_EXEMPT = new Set(["policy"]);

const skipReason = missingBuildReason();
if (skipReason !== undefined) console.warn(`docs tests skipped: ${skipReason}`);

function readmeBlocks(pkg: string): MarkedBlock[] {
  return extractQuickstartBlocks(readFileSync(join(REPO_DIR, "packages", pkg, "README.md"), "utf8"));
}

async function runBlock(block: MarkedBlock, dir: string, name: string) {
  if (block.lang === "sh") {
    writeFileSync(join(dir, `${name}.sh`), block.code);
    const bin = join(DOCS_DIR, "node_modules", ".bin");
    const env = childEnv({ PATH: `${bin}${delimiter}${process.env.PATH ?? ""}` });
    return runProcess("sh", ["-e", `${name}.sh`], { cwd: dir, env });
  }
  writeFileSync(join(dir, `${name}.mjs`), block.code);
  return runProcess(process.execPath, [`${name}.mjs`], { cwd: dir });
}

afterAll(killRunningChildren);

describe.skipIf(skipReason !== undefined)("README quickstarts run as pasted (built packages)", () => {
  it.each(CASES.map((c) => [c.pkg, c] as const))("packages/%s/README.md", async (_pkg, testCase) => {
    const blocks = readmeBlocks(testCase.pkg);
    expect(blocks.length, "the README marks its quickstart with <!-- quickstart -->").toBeGreaterThan(0);
    for (const [index, block] of blocks.entries()) {
      expect(["js", "ts", "sh"], `line ${block.line}: unsupported quickstart language`).toContain(block.lang);
      if (block.lang !== "sh" && !LENGTH_EXEMPT.has(testCase.pkg)) {
        expect(block.code.split("\n").length - 1, `line ${block.line}: at most 15 lines`).toBeLessThanOrEqual(
          15,
        );
      }
      const dir = createScratchDir(`readme-${testCase.pkg}`);
      try {
        testCase.prepare(dir);
        const result = await runBlock(block, dir, `quickstart-${index}`);
        expect(result.code, describeRun(`packages/${testCase.pkg}/README.md:${block.line}`, result)).toBe(0);
        testCase.check(result.stdout, dir);
      } finally {
        removeScratchDir(dir);
      }
    }
  });

  it("every README with a quickstart marker is covered above", () => {
    const covered = new Set(CASES.map((c) => c.pkg));
    const marked = readdirSync(join(REPO_DIR, "packages")).filter((pkg) => {
      const path = join(REPO_DIR, "packages", pkg, "README.md");
      return existsSync(path) && extractQuickstartBlocks(readFileSync(path, "utf8")).length > 0;
    });
    expect(marked.filter((pkg) => !covered.has(pkg))).toEqual([]);
  });

  it("the sec0-sdk quickstart serves MCP over stdio and audits the call", async () => {
    const [block] = readmeBlocks("sdk");
    expect(block).toBeDefined();
    const dir = createScratchDir("readme-sdk-stdio");
    const client = new Client({ name: "docs-test", version: "1.0.0" });
    try {
      writeSigningKey(dir);
      writeFileSync(join(dir, "policy.yaml"), SIX_LINE_POLICY);
      writeFileSync(join(dir, "quickstart.mjs"), block?.code ?? "");
      await client.connect(
        new StdioClientTransport({
          command: process.execPath,
          args: ["quickstart.mjs"],
          cwd: dir,
          env: childEnv(),
          stderr: "pipe",
        }),
      );
      const result = await client.callTool({ name: "echo", arguments: { text: "hello" } }, undefined, {
        timeout: 10_000,
      });
      expect(result.content).toEqual([{ type: "text", text: "hello" }]);
      await client.close();
      const verify = await runProcess(
        process.execPath,
        [CLI_BIN, "audit", "verify", ".sec0", "--key", "file://./.sec0/keys/ed25519.key"],
        { cwd: dir, timeoutMs: 15_000 },
      );
      expect(verify.code, describeRun("sec0 audit verify", verify)).toBe(0);
      expect(verify.stdout).toMatch(/1 records?/);
    } finally {
      await client.close();
      removeScratchDir(dir);
    }
  });
});
