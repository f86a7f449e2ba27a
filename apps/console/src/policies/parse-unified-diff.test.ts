import { describe, expect, it } from "vitest";
import { parseUnifiedDiff } from "./parse-unified-diff.js";

describe("parseUnifiedDiff", () => {
  it("reads hunks and drops the file header", () => {
    const diff = "--- version 1\n+++ version 2\n@@ -1,2 +1,2 @@\n tenant: acme\n-a: 1\n+a: 2\n";
    expect(parseUnifiedDiff(diff)).toEqual([
      { kind: "hunk", text: "@@ -1,2 +1,2 @@" },
      { kind: "context", text: "tenant: acme" },
      { kind: "remove", text: "a: 1" },
      { kind: "add", text: "a: 2" },
    ]);
  });

  it("keeps lines that look like headers inside a hunk", () => {
    expect(parseUnifiedDiff("--- a\n+++ b\n@@ -1 +1 @@\n--- x\n+++ y\n")).toEqual([
      { kind: "hunk", text: "@@ -1 +1 @@" },
      { kind: "remove", text: "-- x" },
      { kind: "add", text: "++ y" },
    ]);
  });

  it("gives no rows for an empty diff", () => {
    expect(parseUnifiedDiff("")).toEqual([]);
  });
});
