import { describe, expect, it } from "vitest";
import { compileFsMatcher, normalisePath } from "./fs-matcher.js";

const matcher = compileFsMatcher(["/data", "/tmp/sec0-*", "/srv/**/public"], "/work");

describe("compileFsMatcher", () => {
  it.each([
    ["/data", true],
    ["/data/reports/q1.csv", true],
    ["/data/", true],
    ["/data-evil/x", false],
    ["/database", false],
    ["/data/../etc/passwd", false],
    ["/data/./a/../b", true],
    ["/tmp/sec0-run", true],
    ["/tmp/sec0-run/deep/file", true],
    ["/tmp/other", false],
    ["/srv/a/b/public/index.html", true],
    ["/srv/private", false],
    ["../data/x", true],
    ["file:///data/x", true],
    ["file:///etc/passwd", false],
    ["\\data\\x", true],
    ["/data/x\0", false],
  ])("%s → %s", (path, expected) => {
    expect(matcher.isAllowed(path)).toBe(expected);
  });

  it("resolves relative paths against cwd", () => {
    expect(normalisePath("a/../b", "/work")).toBe("/work/b");
    expect(compileFsMatcher(["/work"], "/work").isAllowed("x/y")).toBe(true);
  });
});
