// Every publishable package.json says what npm needs to publish it well: a name matching its
// folder, the one shared version, the license (and its LICENSE file), a repository with the
// package's directory (npm resolves README links through it), `files`, an `exports` map whose
// targets are built from existing sources, and the engines of the repository. Every relative link
// in a package README points at a file of the repository (and a heading of it, for `#anchors`).
// `pnpm release:check` checks the packed tarballs themselves.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const rootManifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const REPOSITORY_URL = "git+https://github.com/sec0-ai/sec0.git";

interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  license: string;
  type: string;
  repository: { type: string; url: string; directory: string };
  homepage: string;
  bugs: { url: string };
  engines: { node: string };
  files: string[];
  exports: Record<string, unknown>;
  bin?: Record<string, string>;
  dependencies?: Record<string, string>;
  publishConfig?: { access?: string };
}

const publishable = readdirSync(join(root, "packages"))
  .filter((dir) => existsSync(join(root, "packages", dir, "package.json")))
  .map((dir) => ({
    dir,
    manifest: JSON.parse(readFileSync(join(root, "packages", dir, "package.json"), "utf8")) as Manifest,
  }))
  .filter(({ manifest }) => manifest.private !== true);

/** The file a dist/ target is built from: ./dist/a/b.js and ./dist/a/b.d.ts come from src/a/b.ts. */
const sourceOf = (target: string): string =>
  target.replace(/^\.\/dist\//, "src/").replace(/(\.d)?\.js$|\.d\.ts$/, ".ts");

describe("publishable package manifests", () => {
  it("there are publishable packages, all at one version (the fixed changeset group)", () => {
    expect(publishable.map(({ manifest }) => manifest.name)).toContain("sec0-sdk");
    const versions = new Set(publishable.map(({ manifest }) => manifest.version));
    expect([...versions]).toHaveLength(1);
    expect([...versions][0]).toMatch(/^\d+\.\d+\.\d+$/);
  });

  describe.each(publishable)("packages/$dir", ({ dir, manifest }) => {
    const packageDir = join(root, "packages", dir);

    it("is named after its folder, Apache-2.0 with the LICENSE file, ESM, public", () => {
      expect(manifest.name).toBe(dir === "sdk" ? "sec0-sdk" : `@sec0/${dir}`);
      expect(manifest.license).toBe("Apache-2.0");
      expect(readFileSync(join(packageDir, "LICENSE"), "utf8")).toBe(
        readFileSync(join(root, "LICENSE"), "utf8"),
      );
      expect(manifest.type).toBe("module");
      expect(manifest.publishConfig?.access).toBe("public");
    });

    it("has repository.directory, homepage and bugs pointing at its folder of the repository", () => {
      expect(manifest.repository).toEqual({ type: "git", url: REPOSITORY_URL, directory: `packages/${dir}` });
      expect(manifest.homepage).toBe(`https://github.com/sec0-ai/sec0/tree/main/packages/${dir}#readme`);
      expect(manifest.bugs).toEqual({ url: "https://github.com/sec0-ai/sec0/issues" });
    });

    it("needs the Node of the repository (20.19: require of the ESM build)", () => {
      expect(manifest.engines.node).toBe(rootManifest.engines.node);
    });

    it("ships dist, its sources without tests and fixtures, the README, and files that exist", () => {
      expect(manifest.files).toEqual(
        expect.arrayContaining(["dist", "src", "!src/**/*.test.ts", "!src/**/__fixtures__", "README.md"]),
      );
      const plain = manifest.files.filter((entry) => !entry.startsWith("!") && entry !== "dist");
      expect(plain.filter((entry) => !existsSync(join(packageDir, entry)))).toEqual([]);
    });

    it("maps every export to dist/ and to the source it is built from", () => {
      expect(manifest.exports["./package.json"]).toBe("./package.json");
      for (const [subpath, target] of Object.entries(manifest.exports)) {
        if (subpath === "./package.json") continue;
        const { "@sec0/source": source, types, default: main, ...rest } = target as Record<string, string>;
        expect(rest, `${subpath}: only @sec0/source, types and default`).toEqual({});
        expect(types, subpath).toMatch(/^\.\/dist\/.+\.d\.ts$/);
        expect(main, subpath).toMatch(/^\.\/dist\/.+\.js$/);
        expect(sourceOf(types ?? ""), subpath).toBe(source?.slice(2));
        expect(sourceOf(main ?? ""), subpath).toBe(source?.slice(2));
        expect(existsSync(join(packageDir, source ?? "")), `${subpath}: ${source} exists`).toBe(true);
      }
    });

    it("ships each bin, committed so that it links before a build", () => {
      for (const [command, target] of Object.entries(manifest.bin ?? {})) {
        expect(existsSync(join(packageDir, target)), `${command}: ${target}`).toBe(true);
        expect(manifest.files.some((entry) => target.replace(/^\.\//, "").startsWith(`${entry}/`))).toBe(
          true,
        );
      }
    });
  });

  it("sec0-sdk brings the sec0 command: it depends on @sec0/cli and links a sec0 bin", () => {
    const sdk = publishable.find(({ dir }) => dir === "sdk")?.manifest;
    expect(sdk?.dependencies?.["@sec0/cli"]).toBe("workspace:*");
    expect(sdk?.bin).toEqual({ sec0: "./bin/sec0.js" });
  });
});

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens. */
const anchorOf = (heading: string): string =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");

function anchorsOf(file: string): Set<string> {
  const text = readFileSync(file, "utf8").replace(/^```[\s\S]*?^```/gm, "");
  return new Set([...text.matchAll(/^#{1,6}\s+(.+)$/gm)].map((match) => anchorOf(match[1] ?? "")));
}

/** Relative link targets of a markdown text, outside code blocks and code spans. */
function relativeLinks(markdown: string): string[] {
  const prose = markdown.replace(/^```[\s\S]*?^```/gm, "").replace(/`[^`\n]*`/g, "");
  return [...prose.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)]
    .map((match) => match[1] ?? "")
    .filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target));
}

describe("package README links", () => {
  const readmes = publishable.map(({ dir }) => `packages/${dir}/README.md`);

  it.each(readmes)("%s: every relative link points at a file (and heading) of the repository", (readme) => {
    const file = join(root, readme);
    const broken: string[] = [];
    for (const link of relativeLinks(readFileSync(file, "utf8"))) {
      const [path = "", anchor] = link.split("#");
      const target = path === "" ? file : resolve(dirname(file), path);
      if (!target.startsWith(root) || !existsSync(target)) {
        broken.push(`${link}: no such file`);
      } else if (
        anchor !== undefined &&
        statSync(target).isFile() &&
        target.endsWith(".md") &&
        !anchorsOf(target).has(anchor)
      ) {
        broken.push(`${link}: no heading #${anchor}`);
      }
    }
    expect(broken).toEqual([]);
  });
});
