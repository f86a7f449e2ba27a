import { describe, expect, it } from "vitest";
import { formatArguments } from "./format-arguments.js";

describe("formatArguments", () => {
  it("pretty-prints the redacted arguments", () => {
    const view = formatArguments({
      arguments: { path: "/reports/q3.txt", owner: "[REDACTED:pii.email]" },
    });
    expect(view).toEqual({
      present: true,
      truncated: false,
      text: '{\n  "path": "/reports/q3.txt",\n  "owner": "[REDACTED:pii.email]"\n}',
    });
  });

  it("shows a cut JSON prefix as is, and says it was cut", () => {
    const view = formatArguments({ arguments: '{"path":"/very/lo', arguments_truncated: true });
    expect(view).toEqual({ present: true, truncated: true, text: '{"path":"/very/lo' });
  });

  it("shows an unreadable marker as is", () => {
    expect(formatArguments({ arguments: "[unreadable]" }).text).toBe("[unreadable]");
  });

  it("keeps null and empty arguments", () => {
    expect(formatArguments({ arguments: null }).text).toBe("null");
    expect(formatArguments({ arguments: {} }).text).toBe("{}");
  });

  it("says when there are none", () => {
    expect(formatArguments(undefined).present).toBe(false);
    expect(formatArguments(null).present).toBe(false);
    expect(formatArguments({ tool_ref: "mcp://x" }).present).toBe(false);
  });
});
