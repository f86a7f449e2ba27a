import { describe, expect, it } from "vitest";
import { decodeBase58btc } from "./base58btc.js";
import { parseStrictJson } from "./strict-json.js";

describe("parseStrictJson", () => {
  it("parses JSON without duplicate names", () => {
    expect(parseStrictJson('{"a":{"a":1},"b":["a","a"],"c":"\\"a\\":"}')).toEqual({
      ok: true,
      value: { a: { a: 1 }, b: ["a", "a"], c: '"a":' },
    });
  });

  it("refuses duplicate names, also when spelled with escapes", () => {
    expect(parseStrictJson('{"a":1,"a":2}')).toEqual({ ok: false, problem: "duplicate_key" });
    expect(parseStrictJson('{"a":1,"\\u0061" : 2}')).toEqual({ ok: false, problem: "duplicate_key" });
    expect(parseStrictJson('[{"x":{"y":1,"y":1}}]')).toEqual({ ok: false, problem: "duplicate_key" });
  });

  it("refuses invalid JSON and deep nesting", () => {
    expect(parseStrictJson("{a:1}")).toEqual({ ok: false, problem: "invalid_json" });
    expect(parseStrictJson(`${"[".repeat(65)}${"]".repeat(65)}`)).toEqual({ ok: false, problem: "too_deep" });
  });
});

describe("decodeBase58btc", () => {
  it("decodes, keeps leading zeros, and rejects characters outside the alphabet", () => {
    expect(Buffer.from(decodeBase58btc("2NEpo7TZRRrLZSi2U") as Uint8Array).toString()).toBe("Hello World!");
    expect([...(decodeBase58btc("11") as Uint8Array)]).toEqual([0, 0]);
    expect(decodeBase58btc("0OIl")).toBeUndefined();
  });
});
