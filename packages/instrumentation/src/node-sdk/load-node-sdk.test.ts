import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadNodeSdk } from "./load-node-sdk.js";

const SRC = join(dirname(fileURLToPath(import.meta.url)), "..");
const IMPORTS_SDK = /(?:from\s*|import\s*\(\s*|import\s+)["']@opentelemetry\/sdk-node["']/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(entry) && !/\.test\.ts$/.test(entry) ? [path] : [];
  });
}

describe("loadNodeSdk", () => {
  it("loads NodeSDK from the installed @opentelemetry/sdk-node", async () => {
    const sdk = await loadNodeSdk();
    expect(typeof sdk.NodeSDK).toBe("function");
    expect(typeof sdk.resources.resourceFromAttributes).toBe("function");
  });

  it("turns a missing module into INSTRUMENTATION_OTEL_SDK_MISSING with the install line", async () => {
    const absent = "@opentelemetry/sdk-node-not-installed";
    const error = await loadNodeSdk(() => import(absent)).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: "Sec0Error", code: "INSTRUMENTATION_OTEL_SDK_MISSING" });
    expect((error as Error).message).toContain("npm install @opentelemetry/sdk-node@0.223");
    expect((error as Error).cause).toBeDefined();
  });

  it("passes other load failures through unchanged", async () => {
    const broken = new TypeError("boom at load");
    await expect(loadNodeSdk(() => Promise.reject(broken))).rejects.toBe(broken);
  });

  it("is imported by no source file outside src/node-sdk, so the main entry never loads it", () => {
    const naming = sourceFiles(SRC)
      .filter((file) => IMPORTS_SDK.test(readFileSync(file, "utf8")))
      .map((file) => relative(SRC, file));
    expect(naming.filter((file) => !file.startsWith("node-sdk/"))).toEqual([]);
    expect(naming).toContain("node-sdk/load-node-sdk.ts"); // the pattern does find an import
    expect(readFileSync(join(SRC, "index.ts"), "utf8")).not.toContain("node-sdk");
  });
});
