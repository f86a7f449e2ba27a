// Docs stand alone: users get the repository and the published packages, never the internal
// design notes. Nothing tracked may send them to `DESIGN.md`, and what ships in a package (its
// README and sources, whose comments reach the published .d.ts files) may not cite the internal
// behaviour reference of sec0-sdk 0.2.3 by section.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const REPO = join(import.meta.dirname, "..", "..");
const tracked = execFileSync("git", ["ls-files", "-co", "--exclude-standard"], {
  cwd: REPO,
  encoding: "utf8",
})
  .split("\n")
  .filter(
    (file) => /\.(md|ts|mts|mjs|js|json|ya?ml)$/.test(file) && !file.endsWith("docs-standalone.test.ts"),
  );

function hits(files: readonly string[], pattern: RegExp): string[] {
  return files.flatMap((file) => {
    let text: string;
    try {
      text = readFileSync(join(REPO, file), "utf8");
    } catch {
      return [];
    }
    return text
      .split("\n")
      .flatMap((line, index) => (pattern.test(line) ? [`${file}:${index + 1}: ${line.trim()}`] : []));
  });
}

describe("docs stand alone", () => {
  it("nothing refers to DESIGN.md or its numbered decisions", () => {
    expect(hits(tracked, /DESIGN\.md|DESIGN decision/)).toEqual([]);
  });

  it("no published package cites the internal 0.2.3 behaviour reference by section", () => {
    const shipped = tracked.filter((file) => /^packages\/[^/]+\/(README\.md|src\/)/.test(file));
    expect(hits(shipped, /reference §/)).toEqual([]);
  });
});
