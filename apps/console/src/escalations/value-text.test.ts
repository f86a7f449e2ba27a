import { describe, expect, it } from "vitest";
import { isBlockValue, prettyJson, valueText } from "./value-text.js";

describe("valueText", () => {
  it("writes plain values as they are", () => {
    expect(valueText("<b>planner</b>")).toBe("<b>planner</b>");
    expect(valueText(3)).toBe("3");
    expect(valueText(false)).toBe("false");
    expect(valueText(null)).toBe("null");
    expect(valueText(undefined)).toBe("");
  });

  it("joins lists of plain values and pretty-prints the rest", () => {
    expect(valueText(["tool_not_in_allowlist", "pii"])).toBe("tool_not_in_allowlist, pii");
    expect(valueText([])).toBe("");
    expect(valueText({ a: [1, { b: 2 }] })).toBe('{\n  "a": [\n    1,\n    {\n      "b": 2\n    }\n  ]\n}');
    expect(valueText([{ code: "x" }])).toBe('[\n  {\n    "code": "x"\n  }\n]');
  });

  it("says which values need a block", () => {
    expect(isBlockValue({ a: 1 })).toBe(true);
    expect(isBlockValue("one line")).toBe(false);
  });
});

describe("prettyJson", () => {
  it("never throws", () => {
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(prettyJson(loop)).toBe("[object Object]");
    expect(prettyJson(10n)).toBe("10");
  });
});
