import { describe, expect, it } from "vitest";
import { unifiedLineDiff } from "./unified-line-diff.js";

describe("unifiedLineDiff", () => {
  it("is empty for equal texts", () => {
    expect(unifiedLineDiff("a\nb\n", "a\nb\n", "x", "y")).toBe("");
  });

  it("prints one hunk with context, deletions before insertions", () => {
    expect(unifiedLineDiff("a\nb\nc\n", "a\nB\nc\n", "v1", "v2")).toBe(
      "--- v1\n+++ v2\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n",
    );
  });

  it("splits distant changes into separate hunks with their line numbers", () => {
    const from = Array.from({ length: 20 }, (_, i) => `l${i + 1}`).join("\n");
    const to = from.replace("l2\n", "L2\n").replace("l18", "L18");
    const diff = unifiedLineDiff(from, to, "a", "b");
    expect(diff).toContain("@@ -1,5 +1,5 @@\n l1\n-l2\n+L2\n l3\n");
    expect(diff).toContain("@@ -15,6 +15,6 @@\n l15\n l16\n l17\n-l18\n+L18\n l19\n l20\n");
  });

  it("handles pure insertions and deletions", () => {
    expect(unifiedLineDiff("", "a\n", "x", "y")).toBe("--- x\n+++ y\n@@ -0,0 +1,1 @@\n+a\n");
    expect(unifiedLineDiff("a\nb\n", "a\n", "x", "y")).toBe("--- x\n+++ y\n@@ -1,2 +1,1 @@\n a\n-b\n");
    expect(unifiedLineDiff("a\nc\n", "a\nb\nc\n", "x", "y")).toBe(
      "--- x\n+++ y\n@@ -1,2 +1,3 @@\n a\n+b\n c\n",
    );
  });

  it("finds the common subsequence of interleaved edits", () => {
    const diff = unifiedLineDiff("a\nb\nc\nd\n", "b\nx\nd\ne\n", "x", "y");
    expect(diff).toBe("--- x\n+++ y\n@@ -1,4 +1,4 @@\n-a\n b\n-c\n+x\n d\n+e\n");
  });
});
