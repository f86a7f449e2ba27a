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

describe("reserved characters in tool references", () => {
  it("percent-encodes a `/` in the server name (the audit record's target_tool_ref)", () => {
    expect(formatToolRef({ server: "mcp-servers/everything", tool: "echo", version: "2.0.0" })).toBe(
      "mcp://mcp-servers%2Feverything/echo@2.0.0",
    );
  });

  it.each([
    [{ server: "a@b", tool: "t" }, "mcp://a%40b/t"],
    [{ server: "50%", tool: "t" }, "mcp://50%25/t"],
    [{ server: "my server", tool: "t" }, "mcp://my%20server/t"],
    [{ server: "files", tool: "read*" }, "mcp://files/read%2A"],
    [{ server: "files", tool: "a@b", version: "1" }, "mcp://files/a%40b@1"],
    [{ server: "files", tool: "dir/list", version: "1" }, "mcp://files/dir/list@1"],
    [{ server: "files", tool: "read", version: "1.0.0+build.7" }, "mcp://files/read@1.0.0+build.7"],
    [{ server: "ü", tool: "t" }, "mcp://%C3%BC/t"],
    [{ tool: "a b", version: "1" }, "a%20b@1"],
  ])("formats %j as %s", (ref, text) => {
    expect(formatToolRef(ref)).toBe(text);
  });

  it.each([
    { server: "mcp-servers/everything", tool: "echo", version: "2.0.0" },
    { server: "io.github.acme/files", tool: "read_file" },
    { server: "a@b%c d*e", tool: "x@y%z w*/v", version: "1@2 %*" },
    { server: "ünïcødé 🚀", tool: "tööl" },
    { tool: "50%@off", version: "1" },
  ])("round-trips %j through formatToolRef and parseToolRef", (ref) => {
    expect(parseToolRef(formatToolRef(ref))).toEqual(ref);
  });

  it("decodes percent-encoded segments", () => {
    expect(parseToolRef("mcp://mcp-servers%2Feverything/echo@2.0.0")).toEqual({
      server: "mcp-servers/everything",
      tool: "echo",
      version: "2.0.0",
    });
    expect(parseToolRef("mcp://files/read%40x")).toEqual({ server: "files", tool: "read@x" });
  });

  it("reads an unencoded `/` as the end of the server name", () => {
    expect(parseToolRef("mcp://mcp-servers/everything/echo@2.0.0")).toEqual({
      server: "mcp-servers",
      tool: "everything/echo",
      version: "2.0.0",
    });
  });

  it.each(["mcp://a%2/t", "mcp://a%zz/t", "mcp://%FF/t", "mcp://files/50%", "50%off"])(
    "rejects the malformed escape in %j with CORE_TOOL_REF_INVALID",
    (text) => {
      let caught: unknown;
      try {
        parseToolRef(text);
      } catch (error) {
        caught = error;
      }
      expect(isSec0Error(caught, "CORE_TOOL_REF_INVALID")).toBe(true);
      expect((caught as Error).message).toContain("%25");
    },
  );
});
