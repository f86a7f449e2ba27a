import type { ESLint, Linter } from "eslint";
import { guardPlugin } from "./guard-rules.js";
import { SAST_RULES } from "./rule-table.js";
import { sec0Plugin } from "./sec0-rules.js";

let shared: Promise<ESLint> | undefined;

/**
 * The one ESLint instance of the built-in SAST, created on first use and reused: flat config built
 * from {@link SAST_RULES} only, no config file, no ignore file, no cache, and inline
 * `eslint-disable` comments ignored (scanned code must not be able to switch the rules off).
 */
export function sastLinter(): Promise<ESLint> {
  shared ??= createLinter().catch((error: unknown) => {
    shared = undefined;
    throw error;
  });
  return shared;
}

async function createLinter(): Promise<ESLint> {
  const [{ ESLint }, security, sdl] = await Promise.all([
    import("eslint"),
    import("eslint-plugin-security"),
    import("@microsoft/eslint-plugin-sdl"),
  ]);
  const rules: Linter.RulesRecord = Object.fromEntries(SAST_RULES.map((r) => [r.id, "warn"]));
  return new ESLint({
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ["**/*"],
        languageOptions: { ecmaVersion: "latest", sourceType: "module" },
        linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: "off" },
        plugins: {
          security: guardPlugin(security.default),
          "@microsoft/sdl": guardPlugin(sdl.default),
          sec0: sec0Plugin,
        },
        rules,
      },
    ],
    allowInlineConfig: false,
    cache: false,
    ignore: false,
  });
}
