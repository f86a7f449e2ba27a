import { describe, expect, it } from "vitest";
import { nearestAllowlistEntry } from "./nearest-allowlist-entry.js";

describe("nearestAllowlistEntry", () => {
  it("is undefined for an empty allowlist", () => {
    expect(nearestAllowlistEntry([], "mcp://files/delete@1.0")).toBeUndefined();
  });

  it("prefers an entry for the same server over the same tool on another server", () => {
    const entries = ["mcp://db/delete@1.0", "mcp://files/read@*"];
    expect(nearestAllowlistEntry(entries, "mcp://files/delete@1.0")).toEqual({ entry: "mcp://files/read@*" });
  });

  it("then the tool name with the smallest edit distance", () => {
    const entries = ["mcp://files/write@1", "mcp://files/read@1", "mcp://files/list_directory@1"];
    expect(nearestAllowlistEntry(entries, "mcp://files/reed@1")).toEqual({ entry: "mcp://files/read@1" });
  });

  it("then the version", () => {
    const entries = ["mcp://files/reat@1.0", "mcp://files/reaf@2.0"];
    expect(nearestAllowlistEntry(entries, { server: "files", tool: "read", version: "2.0" })).toEqual({
      entry: "mcp://files/reaf@2.0",
    });
  });

  it("keeps list order between equally near entries", () => {
    const entries = ["mcp://files/reat@1.0", "mcp://files/reaf@1.0"];
    expect(nearestAllowlistEntry(entries, "mcp://files/read@2.0")).toEqual({ entry: "mcp://files/reat@1.0" });
  });

  it("counts a bare entry and a server glob as the same server", () => {
    expect(nearestAllowlistEntry(["mcp://db/deletes", "delete@2"], "mcp://files/delete@1")).toEqual({
      entry: "delete@2",
    });
    expect(nearestAllowlistEntry(["mcp://db/delete", "mcp://f*/del*@2"], "mcp://files/delete@1")).toEqual({
      entry: "mcp://f*/del*@2",
    });
  });

  it("spots the unencoded spelling of a server name with reserved characters and respells it", () => {
    const ref = { server: "mcp-servers/everything", tool: "echo", version: "2.0.0" };
    const entries = ["mcp://mcp-servers%2Feverything/add@*", "mcp://mcp-servers/everything/echo@*"];
    expect(nearestAllowlistEntry(entries, ref)).toEqual({
      entry: "mcp://mcp-servers/everything/echo@*",
      respelled: "mcp://mcp-servers%2Feverything/echo@*",
    });
    expect(nearestAllowlistEntry(["MCP://mcp-servers/everything"], ref)).toEqual({
      entry: "MCP://mcp-servers/everything",
      respelled: "mcp://mcp-servers%2Feverything",
    });
  });

  it("skips entries that do not compile", () => {
    expect(nearestAllowlistEntry(["mcp://", "mcp://files/read"], "mcp://files/reads")).toEqual({
      entry: "mcp://files/read",
    });
  });
});
