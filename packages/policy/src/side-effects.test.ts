import { describe, expect, it } from "vitest";
import { classifySideEffect, toolNameWords } from "./side-effects.js";

describe("classifySideEffect", () => {
  it.each([
    ["computer@1", false],
    ["mcp://files/writeFile@1", true],
    ["mcp://files/read_file@1", false],
    ["delete-record@2", true],
    ["fs.remove@1", true],
    ["db.query@1", false],
    ["updater@1", false],
    ["createUser@1", true],
    ["HTTPPost@1", true],
    ["sendEmail@1", true],
    ["output@1", false],
    ["posterize@1", false],
    ["mkdir@1", true],
    ["get_weather@1", false],
    ["list_uploads@1", false],
  ])("%s → %s", (tool, expected) => {
    expect(classifySideEffect({ tool }).sideEffect).toBe(expected);
  });

  it("treats fetch with a non-GET method as a write", () => {
    expect(classifySideEffect({ tool: "fetch@1", args: { url: "https://x", method: "POST" } })).toEqual({
      sideEffect: true,
      source: "http-method",
    });
    expect(classifySideEffect({ tool: "fetch@1", args: { method: "get" } }).sideEffect).toBe(false);
    expect(classifySideEffect({ tool: "fetch@1", args: {} }).sideEffect).toBe(false);
    expect(classifySideEffect({ tool: "calc@1", args: { method: "add" } }).source).toBe("default");
  });

  it("puts explicit declarations and annotations before the name", () => {
    expect(classifySideEffect({ tool: "write@1", sideEffect: false }).sideEffect).toBe(false);
    expect(classifySideEffect({ tool: "write@1", annotations: { readOnlyHint: true } }).sideEffect).toBe(
      false,
    );
    expect(classifySideEffect({ tool: "lookup@1", annotations: { destructiveHint: true } }).sideEffect).toBe(
      true,
    );
    expect(classifySideEffect({ tool: "lookup@1", annotations: { readOnlyHint: false } }).source).toBe(
      "annotation",
    );
  });

  it("splits names on separators and camelCase", () => {
    expect(toolNameWords("fs.deleteDir_now-v2")).toEqual(["fs", "delete", "dir", "now", "v2"]);
    expect(toolNameWords("HTTPPost")).toEqual(["http", "post"]);
  });
});
