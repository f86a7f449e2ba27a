// The `<!-- example: mandate-ap2 -->` block of packages/sdk/README.md runs as pasted against the
// built sec0-sdk (`sec0-sdk/mandate-ap2`): the genuine mandates verify, and the forged, expired,
// mismatched and unsigned ones that 0.2.3 accepted are refused with the reasons its comments give.
import { readFileSync, writeFileSync } from "node:fs";
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

const skipReason = missingBuildReason();
if (skipReason !== undefined) console.warn(`sec0-sdk/mandate-ap2 example test skipped: ${skipReason}`);

describe.skipIf(skipReason !== undefined)("sec0-sdk/mandate-ap2 README example (built sec0-sdk)", () => {
  afterAll(() => {
    killRunningChildren();
  });

  it("runs as pasted and prints what its comments promise", async () => {
    const code = extractJsExample(
      readFileSync(join(REPO_DIR, "packages/sdk/README.md"), "utf8"),
      "mandate-ap2",
    );
    const promised = promisedOutput(code);
    expect(promised).toEqual([
      "true cart-1 64",
      "ap2_signature_invalid",
      "ap2_expired",
      "ap2_cart_mismatch",
      "ap2_signature_missing",
    ]);
    const dir = createScratchDir("sdk-mandate-ap2");
    try {
      writeFileSync(join(dir, "example.mjs"), code);
      const result = await runProcess(process.execPath, ["example.mjs"], { cwd: dir, timeoutMs: 30_000 });
      expect(result.code, describeRun("example.mjs", result)).toBe(0);
      expect(result.stdout.trim().split("\n")).toEqual(promised);
    } finally {
      removeScratchDir(dir);
    }
  });
});
