import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
// @ts-expect-error plain JavaScript module without declarations
import { checkTarball, exportTargets, readTarball } from "./release-check-tarball.mjs";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const LONG = `dist/${"nested-folder/".repeat(8)}deep-module.js`; // > 100 characters: needs a long-name record

const MANIFEST = {
  name: "@sec0/example",
  version: "1.2.3",
  exports: {
    ".": { "@sec0/source": "./src/index.ts", types: "./dist/index.d.ts", default: "./dist/index.js" },
    "./deep": `./${LONG}`,
    "./package.json": "./package.json",
  },
  bin: { example: "./bin/example.js" },
  dependencies: { zod: "^4.0.0" },
};

/** Packs `files` under package/ with the system tar (gnu or pax headers) and gzip. */
function pack(files: Record<string, string>, format: "gnu" | "pax"): Buffer {
  const root = mkdtempSync(join(tmpdir(), "sec0-tarball-"));
  dirs.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, "package", path)), { recursive: true });
    writeFileSync(join(root, "package", path), text);
  }
  const out = join(root, "out.tgz");
  const result = spawnSync("tar", [`--format=${format}`, "-czf", out, "-C", root, "package"], {
    encoding: "utf8",
  });
  expect(result.status, result.stderr).toBe(0);
  return readFileSync(out);
}

const complete = (manifest: object = MANIFEST): Record<string, string> => ({
  "package.json": JSON.stringify(manifest),
  "README.md": "# example",
  LICENSE: "Apache-2.0",
  "src/index.ts": "export {};",
  "dist/index.js": "export {};",
  "dist/index.d.ts": "export {};",
  [LONG]: "export {};",
  "bin/example.js": "#!/usr/bin/env node",
});

describe("readTarball", () => {
  it.each(["gnu", "pax"] as const)("reads every file of a %s tarball, long paths included", (format) => {
    const files = readTarball(pack(complete(), format));
    expect([...files.keys()].sort()).toEqual(Object.keys(complete()).sort());
    expect(files.get(LONG).toString()).toBe("export {};");
  });
});

describe("checkTarball", () => {
  it("passes a tarball with README, LICENSE and every target", () => {
    expect(checkTarball(readTarball(pack(complete(), "pax")), { version: "1.2.3" })).toEqual([]);
  });

  it("names each problem", () => {
    const files = complete({ ...MANIFEST, dependencies: { "@sec0/core": "workspace:*" } });
    delete files.LICENSE;
    delete files["dist/index.d.ts"];
    files["src/index.test.ts"] = "test";
    files["src/__fixtures__/a.json"] = "{}";
    files["tsconfig.tsbuildinfo"] = "{}";
    expect(checkTarball(readTarball(pack(files, "pax")), { version: "2.0.0" }).sort()).toEqual(
      [
        "version 1.2.3, but the workspace manifest says 2.0.0",
        "no LICENSE",
        "src/index.test.ts is a test",
        "src/__fixtures__/a.json is a fixture",
        "tsconfig.tsbuildinfo is TypeScript build info",
        "exports target ./dist/index.d.ts is not in the tarball",
        'dependencies.@sec0/core is "workspace:*", which no registry resolves',
      ].sort(),
    );
  });

  it("flattens exports conditions and subpaths", () => {
    expect(exportTargets(MANIFEST.exports)).toEqual([
      "./src/index.ts",
      "./dist/index.d.ts",
      "./dist/index.js",
      `./${LONG}`,
      "./package.json",
    ]);
  });
});
