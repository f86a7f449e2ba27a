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

  it.each([
    ["C:\\Windows\\System32", "/C:/Windows/System32"],
    ["c:/data/x", "/c:/data/x"],
    ["~/.ssh/id_rsa", "~/.ssh/id_rsa"],
    ["~/a/../b", "~/b"],
    ["~alice/notes", "~alice/notes"],
    ["~/../root", undefined],
  ])("keeps %s absolute: %s (never under cwd)", (raw, expected) => {
    expect(normalisePath(raw, "/work")).toBe(expected);
  });

  it("never lets a drive or home path pass as a relative path inside cwd", () => {
    const insideCwd = compileFsMatcher(["/work"], "/work");
    expect(insideCwd.isAllowed("C:\\Windows\\System32\\config\\SAM")).toBe(false);
    expect(insideCwd.isAllowed("~/.ssh/id_rsa")).toBe(false);
    expect(compileFsMatcher(["~/work"], "/work").isAllowed("~/work/a.txt")).toBe(true);
    expect(compileFsMatcher(["~/work"], "/work").isAllowed("~/work/../.ssh/id_rsa")).toBe(false);
  });
});
