import { describe, expect, it } from "vitest";
import { compileAllowlist, matchAllowlist } from "./allowlist.js";
import { isSec0Error } from "./errors.js";

// entry, reference, expected kind (or false for a miss)
const table: Array<[string, string, "exact" | "any-version" | "wildcard" | false]> = [
  // global
  ["*", "mcp://files/read@1.0", "wildcard"],
  ["*", "read", "wildcard"],
  ["mcp://*", "mcp://files/read@1.0", "wildcard"],
  ["mcp://*/*@*", "mcp://db/query@3", "wildcard"],
  // whole server
  ["mcp://files/*@*", "mcp://files/read@1.0", "wildcard"],
  ["mcp://files/*@*", "mcp://db/read@1.0", false],
  ["mcp://files/*", "mcp://files/write@2", "wildcard"],
  ["mcp://files/*", "mcp://files/write", "wildcard"],
  ["mcp://files/*", "mcp://filesystem/write@2", false],
  ["mcp://files", "mcp://files/read@1", "wildcard"],
  ["mcp://files", "mcp://other/read@1", false],
  // one tool, any version
  ["mcp://files/read", "mcp://files/read@1.0", "any-version"],
  ["mcp://files/read", "mcp://files/read", "any-version"],
  ["mcp://files/read", "mcp://files/reader@1.0", false],
  ["mcp://files/read", "mcp://db/read@1.0", false],
  ["mcp://files/read@*", "mcp://files/read@9.9", "any-version"],
  ["mcp://files/read@*", "mcp://files/read", "any-version"],
  // exact
  ["mcp://files/read@1.0", "mcp://files/read@1.0", "exact"],
  ["mcp://files/read@1.0", "mcp://files/read@1.0.1", false],
  ["mcp://files/read@1.0", "mcp://files/read@1", false],
  ["mcp://files/read@1.0", "mcp://files/read", false],
  // bare entries match on any server
  ["read@1.0", "mcp://files/read@1.0", "exact"],
  ["read@1.0", "read@1.0", "exact"],
  ["read", "mcp://files/read@1.0", "any-version"],
  ["read@*", "mcp://files/read@7", "any-version"],
  ["read@1.0", "mcp://files/read@2.0", false],
  // globs inside a part
  ["mcp://files/read_*", "mcp://files/read_file@1", "wildcard"],
  ["mcp://files/read_*", "mcp://files/write_file@1", false],
  ["mcp://*/search@1", "mcp://web/search@1", "wildcard"],
  ["mcp://files/read@1.*", "mcp://files/read@1.4", "any-version"],
  ["mcp://files/read@1.*", "mcp://files/read@2.0", false],
  // regex metacharacters are literal
  ["mcp://files/a.b", "mcp://files/aXb@1", false],
  // case rules: scheme insensitive, names sensitive
  ["MCP://files/read", "mcp://files/read@1", "any-version"],
  ["mcp://Files/read", "mcp://files/read@1", false],
  ["mcp://files/Read", "mcp://files/read@1", false],
];

describe("compileAllowlist", () => {
  it.each(table)("%s vs %s → %s", (entry, ref, kind) => {
    const result = matchAllowlist([entry], ref);
    if (kind === false) expect(result.matched).toBe(false);
    else expect(result).toEqual({ matched: true, entry, kind });
  });

  it("an empty list matches nothing", () => {
    expect(compileAllowlist([]).match("mcp://files/read@1").matched).toBe(false);
  });

  it("returns the first matching entry", () => {
    const list = compileAllowlist(["mcp://files/read@1.0", "*"]);
    expect(list.match("mcp://files/read@1.0")).toMatchObject({
      entry: "mcp://files/read@1.0",
      kind: "exact",
    });
    expect(list.match("mcp://files/write@1.0")).toMatchObject({ entry: "*", kind: "wildcard" });
  });

  it.each(["", "   ", "mcp://", "mcp://files/", "read@"])("rejects the entry %j", (entry) => {
    let caught: unknown;
    try {
      compileAllowlist([entry]);
    } catch (error) {
      caught = error;
    }
    expect(isSec0Error(caught, "CORE_ALLOWLIST_ENTRY_INVALID")).toBe(true);
  });

  it("accepts parsed references", () => {
    expect(
      compileAllowlist(["mcp://files/*"]).match({ server: "files", tool: "x", version: "1" }).matched,
    ).toBe(true);
  });
});
