// The `<!-- example: openclaw -->` block of packages/sdk/README.md runs as pasted against the
// built sec0-sdk (`sec0-sdk/integrations/openclaw`): the tool outside the allowlist is blocked
// before it runs, the allowed one passes and is audited, the outbound prompt injection is
// cancelled, the benign message passes, and the signed audit log verifies. The
// `<!-- example: openclaw-governance -->` block runs too: a call with a clean skill passes, a
// natural-language rule (heuristic judge) and the contextual evaluator each block one, and the
// skill gate's `node_type: "skill"` row is in the audit log.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { extractExampleBlock } from "./markdown-blocks.js";
import {
  createScratchDir,
  describeRun,
  killRunningChildren,
  missingBuildReason,
  REPO_DIR,
  removeScratchDir,
  runProcess,
} from "./run-process.js";

/** The marked block's code; it must be JavaScript (it runs as a .mjs file). */
function exampleBlock(markdown: string, name = "openclaw"): string {
  const block = extractExampleBlock(markdown, name);
  if (!["", "js", "javascript"].includes(block.lang))
    throw new Error(`<!-- example: ${name} --> is not followed by a js block`);
  return block.code;
}

/** What each `console.log(...); // <expected>` line of the block promises to print. */
function promisedOutput(code: string): string[] {
  return code
    .split("\n")
    .filter((line) => line.startsWith("console.log("))
    .map((line) => (line.split("// ")[1] ?? "").trim());
}

const skipReason = missingBuildReason();
if (skipReason !== undefined)
  console.warn(`sec0-sdk/integrations/openclaw example test skipped: ${skipReason}`);

describe.skipIf(skipReason !== undefined)(
  "sec0-sdk/integrations/openclaw README example (built sec0-sdk)",
  () => {
    afterAll(() => {
      killRunningChildren();
    });

    it("runs as pasted and prints what its comments promise", async () => {
      const code = exampleBlock(readFileSync(join(REPO_DIR, "packages/sdk/README.md"), "utf8"));
      const promised = promisedOutput(code);
      expect(promised).toEqual(["true true", "undefined", "true", "undefined", "valid"]);
      const dir = createScratchDir("sdk-openclaw");
      try {
        writeFileSync(join(dir, "example.mjs"), code);
        const result = await runProcess(process.execPath, ["example.mjs"], { cwd: dir, timeoutMs: 30_000 });
        expect(result.code, describeRun("example.mjs", result)).toBe(0);
        expect(result.stdout.trim().split("\n")).toEqual(promised);
        // The audit rows name the denied and the allowed call.
        const audit = readdirSync(join(dir, ".sec0"))
          .filter((file) => /^audit-\d{4}-\d{2}-\d{2}\.ndjson$/.test(file))
          .map((file) => readFileSync(join(dir, ".sec0", file), "utf8"))
          .join("");
        expect(audit).toContain("tool_not_in_allowlist");
        expect(audit).toContain('"target_tool":"read_file"');
      } finally {
        removeScratchDir(dir);
      }
    });

    it("runs the governance block (skills, nlEval, contextualEvaluator) as pasted", async () => {
      const code = exampleBlock(
        readFileSync(join(REPO_DIR, "packages/sdk/README.md"), "utf8"),
        "openclaw-governance",
      );
      const promised = promisedOutput(code);
      expect(promised).toEqual(["undefined", "true", "true"]);
      const dir = createScratchDir("sdk-openclaw-governance");
      try {
        writeFileSync(join(dir, "example.mjs"), code);
        const result = await runProcess(process.execPath, ["example.mjs"], { cwd: dir, timeoutMs: 30_000 });
        expect(result.code, describeRun("example.mjs", result)).toBe(0);
        expect(result.stdout.trim().split("\n")).toEqual(promised);
        const audit = readdirSync(join(dir, ".sec0"))
          .filter((file) => /^audit-\d{4}-\d{2}-\d{2}\.ndjson$/.test(file))
          .map((file) => readFileSync(join(dir, ".sec0", file), "utf8"))
          .join("");
        expect(audit).toContain('"node_type":"skill"');
        expect(audit).toContain("contextual_evaluator_denied");
      } finally {
        removeScratchDir(dir);
      }
    });
  },
);
