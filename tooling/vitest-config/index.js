// Plain JavaScript on purpose: vitest loads config files through Node, and Node 20 cannot
// import a workspace package's .ts file.
import { defineProject } from "vitest/config";

/**
 * Workspace packages expose their TypeScript sources under this export condition, so tests
 * run against `src/` without a build. Published consumers never set it and get `dist/`.
 */
export const SOURCE_CONDITION = "@sec0/source";

/**
 * The vitest project settings every package uses.
 * @param {{ name: string, testTimeout?: number, include?: string[] }} options
 */
export function defineSec0Project(options) {
  return defineProject({
    resolve: { conditions: [SOURCE_CONDITION, "node", "import", "default"] },
    ssr: { resolve: { conditions: [SOURCE_CONDITION, "node", "import", "default"] } },
    test: {
      name: options.name,
      include: options.include ?? ["src/**/*.test.ts"],
      environment: "node",
      testTimeout: options.testTimeout ?? 20_000,
      hookTimeout: 30_000,
      restoreMocks: true,
    },
  });
}

/**
 * `project` resolving without the "import" condition. Node passes vitest's conditions on to its
 * own resolver, so a CommonJS package that `require`s a dependency whose exports list "import"
 * before "require" (`pg` → `pg-pool`) would get that dependency's ES module build and fail.
 * Node's defaults still resolve every ES module package.
 * @param {ReturnType<typeof defineSec0Project>} project
 */
export function withoutImportCondition(project) {
  const conditions = [SOURCE_CONDITION, "node", "default"];
  return {
    ...project,
    resolve: { ...project.resolve, conditions },
    ssr: { ...project.ssr, resolve: { ...project.ssr?.resolve, conditions } },
  };
}
