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

  it("puts explicit declarations before the tool's signals, and write annotations before the name", () => {
    expect(classifySideEffect({ tool: "write@1", sideEffect: false }).sideEffect).toBe(false);
    // A server's readOnlyHint lowers only a tool no other signal calls a write.
    expect(classifySideEffect({ tool: "write@1", annotations: { readOnlyHint: true } }).sideEffect).toBe(
      true,
    );
    expect(classifySideEffect({ tool: "lookup@1", annotations: { readOnlyHint: true } })).toEqual({
      sideEffect: false,
      source: "annotation",
    });
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

describe("classifySideEffect against hostile inputs (issue 12, item 9)", () => {
  // A caller's arguments must never turn a side-effecting tool into a read: `method: "GET"` made
  // `delete_file` a read, so require_idempotency_key was skipped and one key ran three times.
  it.each([
    [{ method: "GET" }],
    [{ method: "get" }],
    [{ method: "HEAD" }],
    [{ method: "OPTIONS" }],
    [{ method: " GET " }],
    [{ method: ["GET"] }],
    [{ sideEffect: false }],
    [{ readOnlyHint: true }],
    [{ annotations: { readOnlyHint: true } }],
    [{ side_effect: "read" }],
  ])("delete_file called with %j stays a write", (args) => {
    expect(classifySideEffect({ tool: "mcp://files/delete_file@1", args })).toMatchObject({
      sideEffect: true,
      source: "tool-name",
    });
  });

  it("lets the arguments only raise the class: a non-GET method on a read-named tool is a write", () => {
    expect(classifySideEffect({ tool: "fetch@1", args: { method: "DELETE" } })).toEqual({
      sideEffect: true,
      source: "http-method",
    });
    expect(classifySideEffect({ tool: "fetch@1", args: { method: "GET" } }).sideEffect).toBe(false);
  });

  it("does not let a server's readOnlyHint lower a tool whose name says it writes", () => {
    expect(
      classifySideEffect({ tool: "mcp://files/delete_file@1", annotations: { readOnlyHint: true } }),
    ).toMatchObject({ sideEffect: true });
    expect(
      classifySideEffect({ tool: "mcp://files/delete_file@1", annotations: { idempotentHint: true } }),
    ).toMatchObject({ sideEffect: true });
  });

  it("ignores annotation values that are not booleans", () => {
    const hints = { readOnlyHint: "true", destructiveHint: "false" } as never;
    expect(classifySideEffect({ tool: "delete_file@1", annotations: hints }).sideEffect).toBe(true);
    expect(
      classifySideEffect({ tool: "lookup@1", annotations: { destructiveHint: 1 } as never }).sideEffect,
    ).toBe(false);
    expect(classifySideEffect({ tool: "lookup@1", annotations: [] as never }).sideEffect).toBe(false);
  });

  it("puts the policy's class for the tool above everything else", () => {
    expect(classifySideEffect({ tool: "lookup@1", policyClass: "write" })).toEqual({
      sideEffect: true,
      source: "policy",
    });
    expect(
      classifySideEffect({
        tool: "delete_file@1",
        policyClass: "read",
        sideEffect: true,
        annotations: { destructiveHint: true },
        args: { method: "POST" },
      }),
    ).toEqual({ sideEffect: false, source: "policy" });
  });
});
