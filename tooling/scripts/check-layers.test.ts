import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";

const script = join(dirname(fileURLToPath(import.meta.url)), "check-layers.mjs");
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "../..");
const dirs: string[] = [];

function workspace(manifests: Record<string, object>): string {
  const root = mkdtempSync(join(tmpdir(), "sec0-layers-"));
  dirs.push(root);
  for (const [path, manifest] of Object.entries(manifests)) {
    mkdirSync(join(root, path), { recursive: true });
    writeFileSync(join(root, path, "package.json"), JSON.stringify(manifest));
  }
  return root;
}

function run(root: string) {
  return spawnSync(process.execPath, [script, "--root", root], { encoding: "utf8" });
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("pnpm check:layers", () => {
  it("passes on this repository", () => {
    const result = run(repoRoot);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });

  it("fails when core depends on a leaf package", () => {
    const root = workspace({
      "packages/core": { name: "@sec0/core", dependencies: { "@sec0/policy": "workspace:*" } },
      "packages/policy": { name: "@sec0/policy", dependencies: { "@sec0/core": "workspace:*" } },
    });
    const result = run(root);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("@sec0/core (layer 0) must not depend on @sec0/policy (layer 1)");
  });

  it("fails when a leaf imports another leaf (audit must take a Signer, not import @sec0/signer)", () => {
    const root = workspace({
      "packages/audit": { name: "@sec0/audit", dependencies: { "@sec0/signer": "workspace:*" } },
      "packages/signer": { name: "@sec0/signer" },
    });
    expect(run(root).stderr).toContain("@sec0/audit (layer 1) must not depend on @sec0/signer (layer 1)");
  });

  it("fails when an app depends on another app, or a package on a tooling package at runtime", () => {
    const root = workspace({
      "apps/gateway-service": {
        name: "@sec0/gateway-service",
        dependencies: { "@sec0/control-plane": "workspace:*" },
      },
      "apps/control-plane": { name: "@sec0/control-plane" },
      "packages/core": { name: "@sec0/core", dependencies: { "@sec0/testkit": "workspace:*" } },
      "tooling/testkit": { name: "@sec0/testkit" },
    });
    const result = run(root);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("nothing may depend on an app");
    expect(result.stderr).toContain("tooling packages are private");
  });

  it("lets the end-to-end tests drive apps, and the control plane bundle the console's build only", () => {
    const ok = workspace({
      "apps/control-plane": {
        name: "@sec0/control-plane-app",
        dependencies: { "@sec0/console-app": "workspace:*" },
      },
      "apps/console": { name: "@sec0/console-app" },
      "tests/e2e": { name: "@sec0/e2e", devDependencies: { "@sec0/control-plane-app": "workspace:*" } },
    });
    expect(run(ok).status).toBe(0);
    const wrong = workspace({
      "apps/console": {
        name: "@sec0/console-app",
        dependencies: { "@sec0/control-plane-app": "workspace:*" },
      },
      "apps/control-plane": { name: "@sec0/control-plane-app" },
      "tests/e2e": { name: "@sec0/e2e", dependencies: { "@sec0/control-plane-app": "workspace:*" } },
    });
    const result = run(wrong);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('apps/console/package.json: dependencies "@sec0/control-plane-app"');
    expect(result.stderr).toContain('tests/e2e/package.json: dependencies "@sec0/control-plane-app"');
  });

  it("fails on an unknown library and on a non-workspace range", () => {
    const root = workspace({
      "packages/rogue": { name: "@sec0/rogue", dependencies: { "@sec0/core": "^0.1.0" } },
      "packages/core": { name: "@sec0/core" },
    });
    const result = run(root);
    expect(result.stderr).toContain("@sec0/rogue is not in the layer table");
    expect(result.stderr).toContain("must use the workspace: protocol");
  });

  it("keeps the engine below its surfaces: guard may not use middleware, and surfaces not each other", () => {
    const root = workspace({
      "packages/guard": { name: "@sec0/guard", dependencies: { "@sec0/middleware": "workspace:*" } },
      "packages/middleware": { name: "@sec0/middleware", dependencies: { "@sec0/gateway": "workspace:*" } },
      "packages/gateway": { name: "@sec0/gateway", dependencies: { "@sec0/guard": "workspace:*" } },
    });
    const result = run(root);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("@sec0/guard (layer 2) must not depend on @sec0/middleware (layer 3)");
    expect(result.stderr).toContain("@sec0/middleware (layer 3) must not depend on @sec0/gateway (layer 3)");
    expect(result.stderr).not.toContain("@sec0/gateway (layer 3) must not");
  });

  it("lets the umbrella and the CLI (layer 4) use the surfaces", () => {
    const root = workspace({
      "packages/sdk": { name: "sec0-sdk", dependencies: { "@sec0/middleware": "workspace:*" } },
      "packages/cli": { name: "@sec0/cli", dependencies: { "@sec0/instrumentation": "workspace:*" } },
      "packages/middleware": { name: "@sec0/middleware" },
      "packages/instrumentation": { name: "@sec0/instrumentation" },
    });
    expect(run(root).status).toBe(0);
  });
});
