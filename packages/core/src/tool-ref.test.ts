import { describe, expect, it } from "vitest";
import { isSec0Error } from "./errors.js";
import { formatToolRef, isPinned, parseToolRef } from "./tool-ref.js";

describe("parseToolRef", () => {
  it.each([
    ["mcp://files/read@1.0", { server: "files", tool: "read", version: "1.0" }],
    ["MCP://files/read@1.0", { server: "files", tool: "read", version: "1.0" }],
    ["mcp://files/read", { server: "files", tool: "read" }],
    ["read@2.1.0", { tool: "read", version: "2.1.0" }],
    ["read", { tool: "read" }],
    ["mcp://files/dir/list@1", { server: "files", tool: "dir/list", version: "1" }],
    ["  read@1  ", { tool: "read", version: "1" }],
  ])("parses %s", (text, expected) => {
    expect(parseToolRef(text)).toEqual(expected);
  });

  it.each(["", "mcp://", "mcp://files", "mcp:///read", "mcp://files/@1", "read@", "@1"])(
    "rejects %j with CORE_TOOL_REF_INVALID",
    (text) => {
      let caught: unknown;
      try {
        parseToolRef(text);
      } catch (error) {
        caught = error;
      }
      expect(isSec0Error(caught, "CORE_TOOL_REF_INVALID")).toBe(true);
    },
  );

  it("round-trips through formatToolRef", () => {
    for (const text of ["mcp://files/read@1.0", "mcp://files/read", "read@1.0", "read"]) {
      expect(formatToolRef(parseToolRef(text))).toBe(text);
    }
  });
});

describe("isPinned", () => {
  it.each([
    ["mcp://s/t@1.0", true],
    ["t@2", true],
    ["t@0.1.0-beta", true],
    ["t@*", false],
    ["t@latest", false],
    ["t", false],
    ["mcp://s/t", false],
  ])("%s → %s", (ref, pinned) => {
    expect(isPinned(ref)).toBe(pinned);
  });
});
