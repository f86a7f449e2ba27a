import { describe, expect, it } from "vitest";
import { compileAllowlist, matchAllowlist } from "./allowlist.js";
import { isSec0Error } from "./errors.js";
import { formatToolRef } from "./tool-ref.js";

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

describe("allowlist entries with reserved characters", () => {
  const everything = { server: "mcp-servers/everything", tool: "echo", version: "2.0.0" };

  it("an entry pasted from the audit record's target_tool_ref matches that call", () => {
    const entry = formatToolRef(everything);
    expect(matchAllowlist([entry], everything)).toEqual({ matched: true, entry, kind: "exact" });
    expect(matchAllowlist([entry], entry).matched).toBe(true);
  });

  it.each([
    ["mcp://mcp-servers%2Feverything/echo@*", "any-version"],
    ["mcp://mcp-servers%2Feverything/echo", "any-version"],
    ["mcp://mcp-servers%2Feverything/*", "wildcard"],
    ["mcp://mcp-servers%2Feverything", "wildcard"],
    ["mcp://mcp-servers%2F*/echo@2.*", "wildcard"],
    ["mcp://*%2Feverything/e*", "wildcard"],
  ] as const)("%s matches the encoded server (%s)", (entry, kind) => {
    expect(matchAllowlist([entry], everything)).toEqual({ matched: true, entry, kind });
  });

  it("the unencoded spelling names another server and does not match", () => {
    expect(matchAllowlist(["mcp://mcp-servers/everything/echo@*"], everything).matched).toBe(false);
    expect(matchAllowlist(["mcp://mcp-servers/everything/*"], everything).matched).toBe(false);
    expect(
      matchAllowlist(["mcp://mcp-servers/everything/echo@*"], {
        server: "mcp-servers",
        tool: "everything/echo",
      }).matched,
    ).toBe(true);
  });

  it("%2A is a literal star; * is a glob", () => {
    const literal = compileAllowlist(["mcp://files/read%2A"]);
    expect(literal.match({ server: "files", tool: "read*" }).matched).toBe(true);
    expect(literal.match({ server: "files", tool: "read_file" }).matched).toBe(false);
    expect(literal.match({ server: "files", tool: "read*" })).toMatchObject({ kind: "any-version" });
    expect(
      compileAllowlist(["mcp://files/read*"]).match({ server: "files", tool: "read_file" }).matched,
    ).toBe(true);
  });

  it.each(["mcp://a%zz/t", "mcp://files/50%", "mcp://%E2%82"])(
    "rejects the malformed escape in %j with CORE_ALLOWLIST_ENTRY_INVALID",
    (entry) => {
      let caught: unknown;
      try {
        compileAllowlist([entry]);
      } catch (error) {
        caught = error;
      }
      expect(isSec0Error(caught, "CORE_ALLOWLIST_ENTRY_INVALID")).toBe(true);
    },
  );
});
