// The subpaths the docs import that are not in this release must fail at import with
// SDK_SUBPATH_NOT_AVAILABLE and a sentence naming where the names will come from, never with
// Node's bare ERR_PACKAGE_PATH_NOT_EXPORTED: from source here, and from dist/ as users load it,
// through ESM `import` and CommonJS `require`.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { isSec0Error } from "@sec0/core";
import { describe, expect, it } from "vitest";
import { SDK_ERRORS } from "./errors.js";
import { SUBPATHS_NOT_AVAILABLE, type SubpathNotAvailable } from "./subpath-not-available.js";

const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const manifest = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")) as {
  exports: Record<string, unknown>;
  sideEffects: unknown;
};
const missing = Object.keys(SUBPATHS_NOT_AVAILABLE) as SubpathNotAvailable[];
// The exports entries that point at a stub under not-available/ (none once every subpath ships).
const stubbed = Object.entries(manifest.exports)
  .filter(([, target]) => JSON.stringify(target).includes("/not-available/"))
  .map(([key]) => key.slice(2));
const built = existsSync(join(packageDir, "dist/not-available"));

interface Outcome {
  readonly subpath: string;
  readonly code?: string;
  readonly message?: string;
  readonly details?: unknown;
}

function expectNotAvailable(outcome: Outcome): void {
  const name = outcome.subpath as SubpathNotAvailable;
  const { providedBy } = SUBPATHS_NOT_AVAILABLE[name];
  expect(outcome.code).toBe("SDK_SUBPATH_NOT_AVAILABLE");
  expect(outcome.message).toMatch(new RegExp(`^sec0-sdk/${name} is not in this release: .+; for now .+\\.$`));
  expect(outcome.message).toContain(providedBy);
  expect(outcome.details).toEqual({ subpath: `sec0-sdk/${name}`, providedBy });
}

/** Loads every missing subpath from dist/ in a child process (no @sec0/source condition). */
function loadBuilt(mode: "import" | "require"): Outcome[] {
  const load = mode === "import" ? "await import(`sec0-sdk/${s}`)" : "require(`sec0-sdk/${s}`)";
  const script = `const out = [];
for (const s of ${JSON.stringify(missing)}) {
  try { ${load}; out.push({ subpath: s }); }
  catch (e) { out.push({ subpath: s, code: e.code, message: e.message, details: e.details }); }
}
console.log(JSON.stringify(out));`;
  const args = mode === "import" ? ["--input-type=module", "-e", script] : ["-e", script];
  return JSON.parse(execFileSync(process.execPath, args, { cwd: packageDir, encoding: "utf8" })) as Outcome[];
}

describe("subpaths not in this release", () => {
  it("are exactly the exports entries that still point at a stub", () => {
    expect([...missing].sort()).toEqual([...stubbed].sort());
    expect(SDK_ERRORS).toHaveProperty("SDK_SUBPATH_NOT_AVAILABLE");
  });

  it("each has an exports entry pointing at its stub, and no other entry points at a stub", () => {
    for (const name of missing) {
      expect(manifest.exports[`./${name}`]).toEqual({
        "@sec0/source": `./src/not-available/${name}.ts`,
        types: `./dist/not-available/${name}.d.ts`,
        default: `./dist/not-available/${name}.js`,
      });
      expect(existsSync(join(packageDir, `src/not-available/${name}.ts`))).toBe(true);
    }
    expect([...stubbed].sort()).toEqual([...missing].sort());
    // The stubs throw when evaluated: bundlers must not drop them as side-effect free.
    if (missing.length > 0) expect(manifest.sideEffects).toEqual(["./dist/not-available/*.js"]);
  });

  it.skipIf(missing.length > 0)("has no stub module left when no subpath is missing", () => {
    expect(
      existsSync(join(packageDir, "src/not-available"))
        ? readdirSync(join(packageDir, "src/not-available")).filter((file) => file.endsWith(".ts"))
        : [],
    ).toEqual([]);
  });

  it.each(missing)("sec0-sdk/%s throws SDK_SUBPATH_NOT_AVAILABLE when imported (source)", async (name) => {
    const error = await import(`./not-available/${name}.ts`).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(isSec0Error(error, "SDK_SUBPATH_NOT_AVAILABLE")).toBe(true);
    const { code, message, details } = error as { code: string; message: string; details: unknown };
    expectNotAvailable({ subpath: name, code, message, details });
  });

  describe.skipIf(!built || missing.length === 0)("from dist/, as a user's app loads them", () => {
    it.each(["import", "require"] as const)("%s of each fails with the sentence and the code", (mode) => {
      const outcomes = loadBuilt(mode);
      expect(outcomes.map((outcome) => outcome.subpath)).toEqual(missing);
      for (const outcome of outcomes) expectNotAvailable(outcome);
    });
  });
});

if (!built) {
  console.warn(
    "sec0-sdk missing-subpath test (dist) skipped: packages/sdk/dist is missing; run `pnpm build` first.",
  );
}
