// README quickstarts in the release check: the blocks marked `<!-- quickstart -->` (found by the
// docs tests' own extraction, tests/docs/src/markdown-blocks.ts) and the packages each README's
// Install section names, run in the fresh app against the installed tarballs.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { delimiter, join } from "node:path";
import { writeSigningKey } from "./release-check-app.mjs";
import { cleanEnv, describeFailure, run } from "./release-check-process.mjs";

/**
 * `extractQuickstartBlocks` of tests/docs/src/markdown-blocks.ts. Node 20 cannot import a .ts
 * file, so vite (a root devDependency) strips the types first: one extraction, not a copy.
 */
export async function loadQuickstartExtractor(root) {
  const { transformWithEsbuild } = await import("vite");
  const path = join(root, "tests/docs/src/markdown-blocks.ts");
  const { code } = await transformWithEsbuild(readFileSync(path, "utf8"), path, {
    loader: "ts",
    format: "esm",
  });
  const module = await import(`data:text/javascript;base64,${Buffer.from(code).toString("base64")}`);
  return module.extractQuickstartBlocks;
}

/** The READMEs whose quickstarts run: the root README and each package's, in that order. */
export function readmePaths(root) {
  const packages = readdirSync(join(root, "packages"))
    .sort()
    .map((dir) => `packages/${dir}/README.md`);
  return ["README.md", ...packages].filter((path) => existsSync(join(root, path)));
}

/**
 * The packages the first sh block of a README's `## Install` section installs (`npm install …`,
 * `npm i …`, `pnpm add …`; flags and comments dropped).
 */
export function installNames(markdown) {
  const section = /^## Install[ \t]*$([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(markdown)?.[1] ?? "";
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? "";
  const names = [];
  for (const line of block.split("\n")) {
    const command = line.replace(/\s#.*$/, "").trim();
    const match = /^(?:npm (?:install|i|add)|pnpm add|yarn add)\s+(.+)$/.exec(command);
    if (match) names.push(...match[1].split(/\s+/).filter((token) => !token.startsWith("-")));
  }
  return names;
}

/**
 * Runs one quickstart block in its own folder of the app. The folder holds what the docs tell a
 * reader to create first: the signing key (unless the block makes its own with `sec0 keygen`)
 * and the six-line policy.yaml of the seed's step 1.
 */
export async function runQuickstart(app, block, { name, policy }) {
  const dir = join(app, "quickstarts", name);
  mkdirSync(dir, { recursive: true });
  if (!/\bsec0 keygen\b/.test(block.code)) writeSigningKey(dir);
  writeFileSync(join(dir, "policy.yaml"), policy);
  const options = { cwd: dir, env: cleanEnv(), timeoutMs: 60_000 };
  if (block.lang === "sh") {
    writeFileSync(join(dir, "quickstart.sh"), block.code);
    const path = `${join(app, "node_modules/.bin")}${delimiter}${process.env.PATH ?? ""}`;
    return run("sh", ["-e", "quickstart.sh"], { ...options, env: cleanEnv({ PATH: path }) });
  }
  if (block.lang !== "js" && block.lang !== "ts") {
    return {
      code: 1,
      stdout: "",
      stderr: `unsupported quickstart language "${block.lang}"`,
      timedOut: false,
    };
  }
  writeFileSync(join(dir, "quickstart.mjs"), block.code);
  return run(process.execPath, ["quickstart.mjs"], options);
}

/** Each README's quickstart blocks as checks: `{ label, ok, detail }`. */
export async function checkReadmeQuickstarts(root, app, { extract, policy }) {
  const results = [];
  for (const path of readmePaths(root)) {
    const blocks = extract(readFileSync(join(root, path), "utf8"));
    for (const [index, block] of blocks.entries()) {
      const name = `${path.replace(/\/?README\.md$/, "").replaceAll("/", "-") || "root"}-${index}`;
      const result = await runQuickstart(app, block, { name, policy });
      const label = `${path}:${block.line} quickstart (${block.lang}) runs as pasted`;
      results.push({
        label,
        ok: result.code === 0,
        detail: result.code === 0 ? "" : describeFailure(result),
      });
    }
  }
  return results;
}
