import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { REASON_CODE_ALIASES, REASON_CODE_GROUPS, REASON_CODES } from "@sec0/core";
import { describe, expect, it } from "vitest";
// @ts-expect-error plain JavaScript module without types
import { renderReasonCodes } from "./reason-codes-doc.mjs";

describe("docs/reason-codes.md", () => {
  it("matches REASON_CODES (regenerate with node tooling/scripts/reason-codes-doc.mjs --write)", () => {
    const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
    const onDisk = readFileSync(join(root, "docs/reason-codes.md"), "utf8");
    expect(onDisk).toBe(renderReasonCodes(REASON_CODES, REASON_CODE_GROUPS, REASON_CODE_ALIASES));
  });
});
