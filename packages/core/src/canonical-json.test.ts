import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalBytes, canonicalize, canonicalizeLegacy } from "./canonical-json.js";
import { isSec0Error } from "./errors.js";

// The corpus sits beside the repository checkout: <root>/../shared (this file is <root>/packages/core/src).
const CORPUS = new URL("../../../../shared/corpora/jcs-rfc8785/", import.meta.url);
const NAMES = readdirSync(new URL("input/", CORPUS)).filter((name) => name.endsWith(".json"));

function corpusFile(folder: string, name: string): string {
  return readFileSync(new URL(`${folder}/${name}`, CORPUS), "utf8");
}

describe("RFC 8785 corpus (cyberphone/json-canonicalization testdata)", () => {
  it("holds the six upstream cases", () => {
    expect(NAMES).toHaveLength(6);
  });

  it.each(NAMES)("%s canonicalises to the expected output and bytes", (name) => {
    const input: unknown = JSON.parse(corpusFile("input", name));
    const expectedHex = corpusFile("outhex", name.replace(/\.json$/, ".txt"))
      .split(/\s+/)
      .filter((byte) => byte.length > 0)
      .join("");
    expect(canonicalize(input)).toBe(corpusFile("output", name));
    expect(Buffer.from(canonicalBytes(input)).toString("hex")).toBe(expectedHex);
  });
});

describe("RFC 8785 number serialisation (Appendix B samples)", () => {
  it.each([
    ["0000000000000000", "0"],
    ["8000000000000000", "0"],
    ["0000000000000001", "5e-324"],
    ["8000000000000001", "-5e-324"],
    ["7fefffffffffffff", "1.7976931348623157e+308"],
    ["ffefffffffffffff", "-1.7976931348623157e+308"],
    ["4340000000000000", "9007199254740992"],
    ["c340000000000000", "-9007199254740992"],
    ["4430000000000000", "295147905179352830000"],
    ["44b52d02c7e14af5", "9.999999999999997e+22"],
    ["44b52d02c7e14af6", "1e+23"],
    ["44b52d02c7e14af7", "1.0000000000000001e+23"],
    ["444b1ae4d6e2ef4e", "999999999999999700000"],
    ["444b1ae4d6e2ef4f", "999999999999999900000"],
    ["444b1ae4d6e2ef50", "1e+21"],
    ["3eb0c6f7a0b5ed8c", "9.999999999999997e-7"],
    ["3eb0c6f7a0b5ed8d", "0.000001"],
    ["41b3de4355555553", "333333333.3333332"],
    ["41b3de4355555554", "333333333.33333325"],
    ["41b3de4355555555", "333333333.3333333"],
    ["41b3de4355555556", "333333333.3333334"],
    ["41b3de4355555557", "333333333.33333343"],
    ["becbf647612f3696", "-0.0000033333333333333333"],
    ["43143ff3c1cb0959", "1424953923781206.2"],
  ])("IEEE-754 %s is written %s", (bits, expected) => {
    const value = Buffer.from(bits, "hex").readDoubleBE(0);
    expect(canonicalize(value)).toBe(expected);
    expect(canonicalize([value])).toBe(`[${expected}]`);
  });
});

/** sec0-sdk 0.2.3's recipe: sort keys recursively with the default sort, drop undefined, JSON.stringify. */
function canonicalize023(value: unknown): string {
  const sort = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(sort);
    if (node === null || typeof node !== "object") return node;
    const record = node as Record<string, unknown>;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(record).sort()) {
      if (record[key] !== undefined) sorted[key] = sort(record[key]);
    }
    return sorted;
  };
  return JSON.stringify(sort(value));
}

// Integer-like keys are excluded: JavaScript objects enumerate them numerically, so 0.2.3's
// rebuilt object orders {"9","10"} where RFC 8785 orders {"10","9"} (pinned below). `__proto__`
// is excluded because assigning it in the recipe sets the prototype instead of a member.
const envelopeKey = fc
  .string({ unit: "binary", maxLength: 12 })
  .filter((key) => !isArrayIndex(key) && key !== "__proto__");
const envelope = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.string({ unit: "binary" }),
    fc.maxSafeInteger(),
    fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
    fc.boolean(),
    fc.constant(null),
    tie("object"),
    fc.array(tie("value"), { maxLength: 5 }),
  ),
  object: fc.dictionary(envelopeKey, fc.option(tie("value"), { nil: undefined, freq: 6 }), { maxKeys: 6 }),
}));

function isArrayIndex(key: string): boolean {
  return /^(0|[1-9]\d*)$/.test(key) && Number(key) < 2 ** 32 - 1;
}

describe("compatibility with sec0-sdk 0.2.3", () => {
  it("gives 0.2.3's bytes for ordinary envelopes", () => {
    fc.assert(
      fc.property(envelope.object, (value) => {
        expect(canonicalize(value)).toBe(canonicalize023(value));
        expect(new TextDecoder().decode(canonicalBytes(value))).toBe(canonicalize023(value));
      }),
      { numRuns: 500 },
    );
  });

  it("orders integer-like keys by code unit (RFC 8785), unlike 0.2.3's engine order", () => {
    const value = { "9": 1, "10": 2, b: 3, a: 4 };
    expect(canonicalize(value)).toBe('{"10":2,"9":1,"a":4,"b":3}');
    expect(canonicalize023(value)).toBe('{"9":1,"10":2,"a":4,"b":3}');
  });

  it("drops undefined members and writes undefined array items as null", () => {
    expect(canonicalize({ b: undefined, a: [undefined, 1] })).toBe('{"a":[null,1]}');
  });

  it("sorts objects with the same member count but other names or order correctly one after another", () => {
    expect(canonicalize({ b: 1, a: 2, c: 3 })).toBe('{"a":2,"b":1,"c":3}');
    expect(canonicalize({ c: 1, b: 2, a: 3 })).toBe('{"a":3,"b":2,"c":1}');
    expect(canonicalize({ b: 1, a: 2, c: 3 })).toBe('{"a":2,"b":1,"c":3}');
    expect(canonicalize({ z: 1, y: 2, x: 3 })).toBe('{"x":3,"y":2,"z":1}');
    expect(canonicalize({ b: 1, a: 2, c: undefined })).toBe('{"a":2,"b":1}');
  });

  it("sorts by UTF-16 code units, not code points or locale", () => {
    expect(canonicalize({ "\u{1F602}": 1, "\uFB33": 2, "\u00e9": 3, e: 4 })).toBe(
      '{"e":4,"\u00e9":3,"\u{1F602}":1,"\uFB33":2}',
    );
  });
});

describe("values with no JSON form", () => {
  const cycle: Record<string, unknown> = { a: 1 };
  cycle.self = cycle;
  const arrayCycle: unknown[] = [1];
  arrayCycle.push({ back: arrayCycle });

  it.each([
    ["NaN", { a: Number.NaN }, "$.a"],
    ["Infinity", [1, Number.POSITIVE_INFINITY], "$[1]"],
    ["-Infinity", Number.NEGATIVE_INFINITY, "$"],
    ["a bigint", { n: 1n }, "$.n"],
    ["a function", { f: () => 1 }, "$.f"],
    ["a symbol", { s: Symbol("s") }, "$.s"],
    ["an object cycle", cycle, "$.self"],
    ["an array cycle", arrayCycle, "$[1].back"],
  ])("%s throws CORE_CANONICAL_JSON_INVALID naming the path", (_name, value, path) => {
    let caught: unknown;
    try {
      canonicalize(value);
    } catch (error) {
      caught = error;
    }
    expect(isSec0Error(caught, "CORE_CANONICAL_JSON_INVALID"), String(caught)).toBe(true);
    expect((caught as { details?: { path?: string } }).details?.path).toBe(path);
  });

  it("writes holes in sparse arrays as null, like JSON.stringify", () => {
    // biome-ignore lint/suspicious/noSparseArray: the hole is the case under test
    const sparse = [, 1];
    expect(canonicalize({ a: sparse })).toBe('{"a":[null,1]}');
    expect(canonicalize({ a: sparse })).toBe(JSON.stringify({ a: sparse }));
  });

  it("escapes quotes, backslashes, control characters and lone surrogates like JSON.stringify", () => {
    const value = { 'k"\\': 'q"\\', c: "\u0000\u001f\u007f\n", s: "\ud800x\udfff", u: "\u00e9\u{1F602}" };
    expect(canonicalize(value)).toBe(canonicalize023(value));
  });

  it("names the path of a bad value deep inside arrays and objects", () => {
    let caught: unknown;
    try {
      canonicalize({ a: [{ b: 1 }, { c: [0, { d: Number.NaN }] }], z: 1 });
    } catch (error) {
      caught = error;
    }
    expect((caught as { details?: { path?: string } }).details?.path).toBe("$.a[1].c[1].d");
  });

  it("allows the same object twice when it is not a cycle", () => {
    const shared = { x: 1 };
    expect(canonicalize({ a: shared, b: [shared] })).toBe('{"a":{"x":1},"b":[{"x":1}]}');
  });
});

describe("canonicalizeLegacy (0.2.3 recipe)", () => {
  it("orders integer-like keys as JavaScript enumerates them, unlike RFC 8785", () => {
    expect(canonicalizeLegacy({ b: 1, 10: "x", 9: "y", a: { d: undefined, c: [1, { z: 0, y: 1 }] } })).toBe(
      '{"9":"y","10":"x","a":{"c":[1,{"y":1,"z":0}]},"b":1}',
    );
    expect(canonicalize({ 10: "x", 9: "y" })).toBe('{"10":"x","9":"y"}');
  });
});
