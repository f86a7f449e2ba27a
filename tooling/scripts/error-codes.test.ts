// docs/errors.md must list every Sec0Error code thrown in packages/ and apps/, and nothing else.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    if (entry === "node_modules" || entry === "dist" || entry === "__fixtures__") continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|mts)$/.test(entry) && !/\.test\.ts$/.test(entry)) out.push(path);
  }
  return out;
}

function thrownCodes(): Map<string, string> {
  const codes = new Map<string, string>();
  for (const group of ["packages", "apps"]) {
    let names: string[] = [];
    try {
      names = readdirSync(join(root, group));
    } catch {
      continue;
    }
    for (const name of names) {
      const src = join(root, group, name, "src");
      try {
        statSync(src);
      } catch {
        continue;
      }
      for (const file of sourceFiles(src)) {
        const text = readFileSync(file, "utf8");
        for (const match of text.matchAll(/\bSec0Error\(\s*["'`]([A-Z][A-Z0-9]*_[A-Z0-9_]+)["'`]/g)) {
          codes.set(match[1]!, file.slice(root.length + 1));
        }
      }
    }
  }
  return codes;
}

function documentedCodes(): Set<string> {
  const text = readFileSync(join(root, "docs/errors.md"), "utf8");
  return new Set([...text.matchAll(/^\|\s*`([A-Z][A-Z0-9]*_[A-Z0-9_]+)`\s*\|/gm)].map((m) => m[1]!));
}

describe("docs/errors.md", () => {
  it("lists every Sec0Error code thrown in the source", () => {
    const documented = documentedCodes();
    const missing = [...thrownCodes()]
      .filter(([code]) => !documented.has(code))
      .map(([c, f]) => `${c} (${f})`);
    expect(missing).toEqual([]);
  });

  it("lists no code that nothing throws", () => {
    const thrown = thrownCodes();
    const allSource = ["packages", "apps"]
      .flatMap((group) => {
        try {
          return readdirSync(join(root, group)).map((name) => join(root, group, name, "src"));
        } catch {
          return [];
        }
      })
      .flatMap((dir) => {
        try {
          return sourceFiles(dir);
        } catch {
          return [];
        }
      })
      .map((file) => readFileSync(file, "utf8"))
      .join("\n");
    const stale = [...documentedCodes()].filter(
      (code) => !thrown.has(code) && !allSource.includes(`"${code}"`),
    );
    expect(stale).toEqual([]);
  });
});
