import { describe, expect, it } from "vitest";
import { stripTerminalControls } from "./strip-terminal-controls.js";

describe("stripTerminalControls", () => {
  it.each([
    ["CSI clear screen and colours", "\u001b[2J\u001b[1;31mred\u001b[0m", "red"],
    ["OSC title ended by BEL", "\u001b]0;pwned\u0007after", "after"],
    [
      "OSC 8 hyperlink ended by ESC \\",
      "\u001b]8;;https://evil.example\u001b\\link\u001b]8;;\u001b\\",
      "link",
    ],
    ["DCS string", "a\u001bPq#0;2;0;0;0\u001b\\b", "ab"],
    ["charset and reset escapes", "\u001b(Bx\u001bcy\u001b7z", "xyz"],
    ["8-bit CSI and OSC", "\u009b2Jx\u009d0;t\u009cy", "xy"],
    ["other C0, DEL and C1", "a\u0000b\u0008c\u007fd\u0085e\u001b", "abcde"],
    ["bidi overrides and isolates", "\u202eabc\u202c\u2066d\u2069", "abcd"],
    ["an unterminated OSC runs to the end", "keep\u001b]0;title never ends", "keep"],
  ])("removes %s", (_, input, expected) => {
    expect(stripTerminalControls(input)).toBe(expected);
  });

  it("keeps newline, tab and ordinary text, including non-Latin and emoji", () => {
    const text = "line one\n\tzweite Zeile — 日本語 🙂 [brackets] ]0; plain";
    expect(stripTerminalControls(text)).toBe(text);
  });
});
