import { describe, expect, it } from "vitest";
import { extractQuickstartBlocks, QUICKSTART_MARKER } from "./markdown-blocks.js";

describe("extractQuickstartBlocks", () => {
  it("returns only blocks preceded by the marker, with language and line", () => {
    const markdown = [
      "# pkg",
      "```js",
      "ignored();",
      "```",
      QUICKSTART_MARKER,
      "",
      "```ts",
      "run();",
      "more();",
      "```",
      "text",
      QUICKSTART_MARKER,
      "```sh",
      "echo hi",
      "```",
    ].join("\n");
    expect(extractQuickstartBlocks(markdown)).toEqual([
      { lang: "ts", code: "run();\nmore();\n", line: 8 },
      { lang: "sh", code: "echo hi\n", line: 14 },
    ]);
  });

  it("rejects a marker that is not followed by a code block", () => {
    expect(() => extractQuickstartBlocks(`${QUICKSTART_MARKER}\nprose\n`)).toThrow(/line 1/);
  });

  it("rejects an unclosed block", () => {
    expect(() => extractQuickstartBlocks(`${QUICKSTART_MARKER}\n\`\`\`js\nrun();\n`)).toThrow(/never closed/);
  });
});
