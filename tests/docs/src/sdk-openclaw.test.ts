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
import { extractJsExample, promisedOutput } from "./markdown-blocks.js";
import {
  createScratchDir,
  describeRun,
  killRunningChildren,
  missingBuildReason,
  REPO_DIR,
  removeScratchDir,
  runProcess,
} from "./run-process.js";

/**
 * Runs the README's `<!-- example: name -->` block as example.mjs in a scratch dir; checks it
 * promises `promised`, exits 0 and prints it; returns the text of its audit day files.
 */
async function runExample(name: string, promised: readonly string[]): Promise<string> {
  const code = extractJsExample(readFileSync(join(REPO_DIR, "packages/sdk/README.md"), "utf8"), name);
  expect(promisedOutput(code)).toEqual(promised);
  const dir = createScratchDir(`sdk-${name}`);
  try {
    writeFileSync(join(dir, "example.mjs"), code);
    const result = await runProcess(process.execPath, ["example.mjs"], { cwd: dir, timeoutMs: 30_000 });
    expect(result.code, describeRun("example.mjs", result)).toBe(0);
    expect(result.stdout.trim().split("\n")).toEqual(promised);
    return readdirSync(join(dir, ".sec0"))
      .filter((file) => /^audit-\d{4}-\d{2}-\d{2}\.ndjson$/.test(file))
      .map((file) => readFileSync(join(dir, ".sec0", file), "utf8"))
      .join("");
  } finally {
    removeScratchDir(dir);
  }
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
      const audit = await runExample("openclaw", ["true true", "undefined", "true", "undefined", "valid"]);
      // The audit rows name the denied and the allowed call.
      expect(audit).toContain("tool_not_in_allowlist");
      expect(audit).toContain('"target_tool":"read_file"');
    });

    it("runs the governance block (skills, nlEval, contextualEvaluator) as pasted", async () => {
      const audit = await runExample("openclaw-governance", ["undefined", "true", "true"]);
      expect(audit).toContain('"node_type":"skill"');
      expect(audit).toContain("contextual_evaluator_denied");
    });
  },
);
