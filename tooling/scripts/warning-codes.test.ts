// Warning codes are values, never thrown, so error-codes.test.ts does not see them. This test holds
// the @sec0/policy section's "Warnings" list in docs/errors.md to the package's POLICY_WARNINGS table.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { POLICY_WARNINGS } from "@sec0/policy";
import { describe, expect, it } from "vitest";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");

function listedWarnings(heading: string): string[] {
  const text = readFileSync(join(root, "docs/errors.md"), "utf8");
  const section = text.split(/^## /m).find((part) => part.startsWith(`${heading}\n`)) ?? "";
  return [...section.matchAll(/^- `([A-Z][A-Z0-9]*_[A-Z0-9_]+)` —/gm)].map((match) => match[1]!);
}

describe("warning-code lists", () => {
  it("docs/errors.md lists exactly POLICY_WARNINGS under @sec0/policy", () => {
    expect(listedWarnings("@sec0/policy").sort()).toEqual(Object.keys(POLICY_WARNINGS).sort());
  });
});
