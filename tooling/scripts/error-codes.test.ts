// Each package keeps its error codes in one table (its `errors.ts`, `defineErrorCodes`). This test
// walks the tables: docs/errors.md lists exactly each package's codes under its heading, every code
// a package's source throws is in its table, and every table code is used by its source.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { AUDIT_ERRORS } from "@sec0/audit";
import { CLI_ERRORS } from "@sec0/cli";
import { CORE_ERRORS } from "@sec0/core";
import { EVALUATOR_ERRORS } from "@sec0/evaluator";
import { GATEWAY_ERRORS } from "@sec0/gateway";
import { GUARD_ERRORS } from "@sec0/guard";
import { INSTRUMENTATION_ERRORS } from "@sec0/instrumentation";
import { MIDDLEWARE_ERRORS } from "@sec0/middleware";
import { POLICY_ERRORS } from "@sec0/policy";
import { SCANNERS_ERRORS } from "@sec0/scanners";
import { SIGNER_ERRORS } from "@sec0/signer";
import { describe, expect, it } from "vitest";
// sec0-sdk's root holds only the names 0.2.3 exported from its root, so its table is read from source.
import { SDK_ERRORS } from "../../packages/sdk/src/errors.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");

/** Package folder → its table. A new package that throws must be added here. */
const TABLES: Record<string, { readonly name: string; readonly table: Readonly<Record<string, string>> }> = {
  core: { name: "@sec0/core", table: CORE_ERRORS },
  policy: { name: "@sec0/policy", table: POLICY_ERRORS },
  scanners: { name: "@sec0/scanners", table: SCANNERS_ERRORS },
  signer: { name: "@sec0/signer", table: SIGNER_ERRORS },
  audit: { name: "@sec0/audit", table: AUDIT_ERRORS },
  evaluator: { name: "@sec0/evaluator", table: EVALUATOR_ERRORS },
  guard: { name: "@sec0/guard", table: GUARD_ERRORS },
  middleware: { name: "@sec0/middleware", table: MIDDLEWARE_ERRORS },
  gateway: { name: "@sec0/gateway", table: GATEWAY_ERRORS },
  instrumentation: { name: "@sec0/instrumentation", table: INSTRUMENTATION_ERRORS },
  cli: { name: "@sec0/cli", table: CLI_ERRORS },
  sdk: { name: "sec0-sdk", table: SDK_ERRORS },
};

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

function sourceOf(pkg: string): { thrown: Set<string>; text: string } {
  const files = sourceFiles(join(root, "packages", pkg, "src")).filter((f) => !f.endsWith("/errors.ts"));
  const text = files.map((file) => readFileSync(file, "utf8")).join("\n");
  const thrown = new Set(
    [...text.matchAll(/\b(?:Sec0Error(?:<[^>]*>)?|super)\(\s*["'`]([A-Z][A-Z0-9]*_[A-Z0-9_]+)["'`]/g)].map(
      (m) => m[1]!,
    ),
  );
  return { thrown, text };
}

function documented(): Map<string, Set<string>> {
  const sections = new Map<string, Set<string>>();
  let current: Set<string> | undefined;
  for (const line of readFileSync(join(root, "docs/errors.md"), "utf8").split("\n")) {
    const heading = /^## (\S+)/.exec(line);
    if (heading) {
      current = new Set();
      sections.set(heading[1]!, current);
    }
    const row = /^\|\s*`([A-Z][A-Z0-9]*_[A-Z0-9_]+)`\s*\|/.exec(line);
    if (row && current) current.add(row[1]!);
  }
  return sections;
}

describe("error-code tables", () => {
  it("cover every package that throws", () => {
    const throwing = readdirSync(join(root, "packages")).filter((pkg) => sourceOf(pkg).thrown.size > 0);
    expect(throwing.filter((pkg) => TABLES[pkg] === undefined)).toEqual([]);
  });

  for (const [pkg, { name, table }] of Object.entries(TABLES)) {
    describe(name, () => {
      const codes = Object.keys(table).sort();
      it("docs/errors.md lists exactly its table under its heading", () => {
        expect([...(documented().get(name) ?? [])].sort()).toEqual(codes);
      });
      it("throws only codes of its table, and uses every code of it", () => {
        const { thrown, text } = sourceOf(pkg);
        expect([...thrown].filter((code) => table[code] === undefined)).toEqual([]);
        expect(
          codes.filter((code) => !text.includes(code) && !text.includes(code.replace(/^EVAL_/, ""))),
        ).toEqual([]);
      });
    });
  }
});
