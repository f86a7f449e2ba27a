// TypeScript users paste the same code: every runnable seed snippet and every README quickstart
// type-checks under `strict` against the built packages' declarations, as a `.ts` file in a
// project whose tsconfig is what `tsc --init` gives a Node app (strict, nodenext). What a snippet
// leaves to the user (their server, token, trace context) is declared with the types they would
// have, never `any`.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { extractQuickstartBlocks } from "./markdown-blocks.js";
import {
  createScratchDir,
  DOCS_DIR,
  describeRun,
  missingBuildReason,
  REPO_DIR,
  removeScratchDir,
  runProcess,
} from "./run-process.js";

const SEED = join(DOCS_DIR, "src", "__fixtures__", "seed");
const seed = (name: string): string => readFileSync(join(SEED, name), "utf8");

/** The user's own code each seed snippet assumes, as declarations. */
const MCP_SERVER = 'import type { McpServer as __McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";';
const SEED_SNIPPETS: ReadonlyArray<readonly [name: string, code: string]> = [
  [
    "seed-000-step1-wrap-server",
    `${MCP_SERVER}\ndeclare function createYourMcpServer(): __McpServer;\n${seed("000-step1-wrap-server.mjs")}`,
  ],
  [
    "seed-000-agent-guard",
    [
      MCP_SERVER,
      'import { sec0SecurityMiddleware } from "sec0-sdk/middleware";',
      'import { LocalDevSigner } from "sec0-sdk/signer";',
      'import { parsePolicyYaml } from "sec0-sdk/policy";',
      "declare const server: __McpServer;",
      'const policy = parsePolicyYaml("tenant: my-app\\n");',
      seed("000-agent-guard.mjs"),
    ].join("\n"),
  ],
  [
    "seed-000-step3-call-via-gateway",
    [
      'import type { AgentStatePayload } from "sec0-sdk/agent-state";',
      "declare const userAccessToken: string | undefined;",
      "declare const ctx: { traceId: string; spanId: string };",
      "declare const manager: { agent: { snapshot(): AgentStatePayload } };",
      seed("000-step3-call-via-gateway.mjs"),
      "export { out };",
    ].join("\n"),
  ],
  [
    "seed-000-step5-6-guard",
    [
      seed("000-step5-guard-standalone.mjs"),
      "declare const outboundMessage: string;",
      "declare const conversationId: string;",
      "declare function sendToSupplier(text: string): Promise<{ sent: boolean }>;",
      seed("000-step6-guard-execute.mjs"),
    ].join("\n"),
  ],
  [
    "seed-000-step7-guard-dashboard",
    `import { createSec0Guard } from "sec0-sdk/guard";\n${seed("000-step7-guard-dashboard.mjs")}\nexport { guard };`,
  ],
  [
    "seed-000-step8-guard-hybrid",
    `import { createSec0Guard } from "sec0-sdk/guard";\n${seed("000-step8-guard-hybrid.mjs")}\nexport { guard };`,
  ],
  ["seed-000-step9-guard-approvals", `${seed("000-step9-guard-approvals.ts")}\nexport { guard };`],
  [
    "seed-002-validating-policy",
    `declare const policyObject: unknown;\n${seed("002-validating-policy.mjs")}`,
  ],
];

function readmeSnippets(): Array<readonly [string, string]> {
  const packages = readdirSync(join(REPO_DIR, "packages"));
  return packages.flatMap((pkg) => {
    let text: string;
    try {
      text = readFileSync(join(REPO_DIR, "packages", pkg, "README.md"), "utf8");
    } catch {
      return [];
    }
    return extractQuickstartBlocks(text)
      .filter((block) => block.lang === "js" || block.lang === "ts")
      .map((block, index) => [`readme-${pkg}-${index}`, block.code] as const);
  });
}

/** A new Node app's tsconfig: what `tsc --init` sets that matters here. */
const USER_TSCONFIG = {
  compilerOptions: {
    target: "es2022",
    module: "nodenext",
    moduleResolution: "nodenext",
    strict: true,
    esModuleInterop: true,
    skipLibCheck: true,
    noEmit: true,
    types: ["node"],
  },
  include: ["*.ts"],
};

const skipReason = missingBuildReason();
if (skipReason !== undefined) console.warn(`snippet type-check skipped: ${skipReason}`);

const snippets = [...SEED_SNIPPETS, ...readmeSnippets()];
const diagnostics = new Map<string, string[]>();
let dir = "";
let tscOutput = "";

describe.skipIf(skipReason !== undefined)("documented code type-checks under strict TypeScript", () => {
  beforeAll(async () => {
    dir = createScratchDir("typecheck");
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(USER_TSCONFIG, null, 2));
    for (const [name, code] of snippets) writeFileSync(join(dir, `${name}.ts`), code);
    const tsc = join(REPO_DIR, "node_modules", ".bin", "tsc");
    const result = await runProcess(tsc, ["-p", "tsconfig.json", "--pretty", "false"], {
      cwd: dir,
      timeoutMs: 60_000,
    });
    tscOutput = describeRun("tsc", result);
    for (const line of result.stdout.split("\n")) {
      const file = /^([\w.-]+)\.ts\(\d+,\d+\): error/.exec(line)?.[1];
      if (file !== undefined) diagnostics.set(file, [...(diagnostics.get(file) ?? []), line]);
    }
    expect(result.timedOut, tscOutput).toBe(false);
  }, 90_000);

  afterAll(() => {
    if (dir !== "") removeScratchDir(dir);
  });

  it.each(snippets.map(([name]) => name))("%s", (name) => {
    expect(diagnostics.get(name) ?? [], tscOutput).toEqual([]);
  });

  it("tsc reported nothing outside the snippets", () => {
    const known = new Set(snippets.map(([name]) => name));
    const stray = [...diagnostics.keys()].filter((file) => !known.has(file));
    expect(stray, tscOutput).toEqual([]);
    const global = tscOutput.split("\n").filter((line) => /^error TS\d+/.test(line));
    expect(global, tscOutput).toEqual([]);
  });
});
