// @sec0/core has three entry points: the vocabulary (`.`), the wire contracts (`./contracts`) and
// the control-plane client (`./control-plane`). Each name lives in exactly one of them.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import * as contracts from "./contracts/index.js";
import * as controlPlane from "./control-plane/index.js";
import * as vocabulary from "./index.js";

const manifest = JSON.parse(
  readFileSync(join(dirname(fileURLToPath(import.meta.url)), "../package.json"), "utf8"),
) as { exports: Record<string, { "@sec0/source": string; default: string }> };

describe("@sec0/core entry points", () => {
  it("are declared in package.json, each with its source and built file", () => {
    expect(manifest.exports["./contracts"]).toMatchObject({
      "@sec0/source": "./src/contracts/index.ts",
      default: "./dist/contracts/index.js",
    });
    expect(manifest.exports["./control-plane"]).toMatchObject({
      "@sec0/source": "./src/control-plane/index.ts",
      default: "./dist/control-plane/index.js",
    });
  });

  it("share no name", () => {
    const names = [vocabulary, contracts, controlPlane].map((module) => new Set(Object.keys(module)));
    const [root, wire, client] = names as [Set<string>, Set<string>, Set<string>];
    expect([...wire].filter((name) => root.has(name) || client.has(name))).toEqual([]);
    expect([...root].filter((name) => client.has(name))).toEqual([]);
  });

  it("put the schemas in ./contracts and the vocabulary in .", () => {
    expect(Object.keys(contracts)).toEqual(
      expect.arrayContaining([
        "GatewayErrorBodySchema",
        "RuntimeDecisionRequestSchema",
        "IDEMPOTENCY_KEY_HEADER",
      ]),
    );
    expect(Object.keys(vocabulary)).toEqual(
      expect.arrayContaining([
        "decide",
        "compileAllowlist",
        "nearestAllowlistEntry",
        "canonicalize",
        "Sec0Error",
        "AgentGuardPolicySchema",
      ]),
    );
    expect(Object.keys(vocabulary)).not.toContain("GatewayErrorBodySchema");
  });
});
