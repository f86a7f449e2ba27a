import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonText } from "./json-text.js";

const outcome = (f: () => unknown) => {
  try {
    return { value: f() };
  } catch (error) {
    return { error: (error as Error).constructor.name };
  }
};

describe("jsonText", () => {
  it("equals JSON.stringify on any value fast-check can build", () => {
    fc.assert(
      fc.property(
        fc.anything({ withBoxedValues: true, withNullPrototype: true, withSparseArray: true }),
        (v) => {
          expect(outcome(() => jsonText(v))).toEqual(outcome(() => JSON.stringify(v)));
        },
      ),
      { numRuns: 2000 },
    );
  });
  it("equals JSON.stringify on strings of every kind (escapes, lone surrogates, unicode)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), fc.string({ unit: "grapheme" }), (a, b) => {
        expect(jsonText({ [a]: [a, b] })).toBe(JSON.stringify({ [a]: [a, b] }));
      }),
    );
    for (const s of ['"', "\\", "\u0000", "\u001f", "\ud800", "\udc00x", "é", "\u2028", "\u007f"])
      expect(jsonText([s])).toBe(JSON.stringify([s]));
  });
  it("hands special values to JSON.stringify: toJSON, class instances, functions, symbols, non-finite numbers", () => {
    const values: unknown[] = [
      { at: new Date(0) },
      { n: Number.NaN, i: -Infinity, z: -0, big: 1e21, small: 5e-7 },
      { f: () => 1, s: Symbol("x"), u: undefined, keep: 1 },
      [() => 1, Symbol("x"), undefined],
      { toJSON: () => "custom" },
      new Map([[1, 2]]),
      { 2: "b", 1: "a", x: "c" },
      undefined,
      () => 1,
    ];
    for (const v of values) expect(jsonText(v)).toBe(JSON.stringify(v));
  });
  it("throws what JSON.stringify throws (cycles, bigints)", () => {
    const cycle: Record<string, unknown> = { a: 1 };
    cycle.self = { inner: cycle };
    expect(() => jsonText(cycle)).toThrow(TypeError);
    expect(() => jsonText({ n: 1n })).toThrow(TypeError);
  });
});
