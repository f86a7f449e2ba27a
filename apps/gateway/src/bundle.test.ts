// The production bundle the image runs: `pnpm deploy --prod` into a temp dir (the Dockerfile's
// command), then `node <bundle>/dist/main.js` with the image's environment, a config and key
// written as a deployment mounts them, one governed call to a local upstream, and SIGTERM.
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deployBundle, directoryBytes } from "./__fixtures__/deploy-bundle.js";
import { governedRead } from "./__fixtures__/governed-call.js";
import { childEnv, startMain } from "./__fixtures__/run-main.js";
import { createServiceDir, type ServiceDir, validConfigYaml } from "./__fixtures__/service-dir.js";
import { startUpstream, type Upstream } from "./__fixtures__/upstream.js";

const DEPLOY_TIMEOUT_MS = 170_000;
const bundle = mkdtempSync(join(tmpdir(), "sec0-gateway-bundle-"));
let skipReason: string | undefined;
let upstream: Upstream;
let dir: ServiceDir;

beforeAll(async () => {
  const started = performance.now();
  try {
    await deployBundle(bundle, DEPLOY_TIMEOUT_MS);
  } catch (error) {
    const output = `${(error as { stderr?: string }).stderr ?? ""}${(error as { stdout?: string }).stdout ?? ""}`;
    // Only a registry that cannot be reached is a reason to skip; any other failure fails the test.
    if (/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ERR_PNPM_META_FETCH_FAIL|ERR_PNPM_FETCH_/.test(output)) {
      skipReason = `pnpm deploy cannot reach the registry offline: ${output.split("\n").find((l) => l.trim()) ?? ""}`;
      return;
    }
    throw error;
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const mb = (directoryBytes(bundle) / 1024 / 1024).toFixed(1);
  console.info(`pnpm deploy --prod: ${mb} MB bundle in ${seconds} s (${bundle})`);
  upstream = await startUpstream();
  dir = createServiceDir((key) => validConfigYaml(upstream.url, key));
}, 180_000);

afterAll(async () => {
  await upstream?.close();
  dir?.remove();
  rmSync(bundle, { recursive: true, force: true });
});

describe("the production bundle (pnpm deploy --prod)", () => {
  it("holds the built app and its production dependencies only", (context) => {
    if (skipReason !== undefined) {
      console.warn(`skipped: ${skipReason}`);
      return context.skip();
    }
    expect(existsSync(join(bundle, "dist/main.js"))).toBe(true);
    expect(readdirSync(join(bundle, "node_modules/@sec0")).sort()).toEqual([
      "audit",
      "core",
      "gateway",
      "guard",
      "policy",
      "signer",
    ]);
    for (const dev of ["vitest", "typescript", "@sec0/testkit"])
      expect(existsSync(join(bundle, "node_modules", dev))).toBe(false);
    expect(existsSync(join(bundle, "src"))).toBe(false);
  });

  it("runs as the image's entrypoint: /healthz, a governed call, an audit file, exit 0 on SIGTERM", async (context) => {
    if (skipReason !== undefined) {
      console.warn(`skipped: ${skipReason}`);
      return context.skip();
    }
    // The Dockerfile's environment: NODE_ENV, the config path, the key directory and HOST; the
    // test listens on loopback and port 0 instead of 0.0.0.0:8088.
    const env = childEnv({
      NODE_ENV: "production",
      SEC0_GATEWAY_CONFIG: dir.configPath,
      SEC0_AUDIT_DIR: dir.auditDir,
      HOST: "127.0.0.1",
      PORT: "0",
    });
    const main = await startMain(join(bundle, "dist/main.js"), { cwd: bundle, env });
    try {
      expect((await fetch(`${main.url}/healthz`)).status).toBe(200);
      const answer = await governedRead(main.url, dir.apiKey, "k-bundle-1");
      expect(answer.status).toBe(200);
      expect(await answer.json()).toMatchObject({ ok: true, content: "hello" });
      expect(upstream.paths).toEqual(["/invoke/read%401"]);
    } finally {
      expect(await main.terminate()).toBe(0);
    }
    expect(readdirSync(dir.auditDir).filter((f) => f.endsWith(".ndjson"))).toHaveLength(1);
  }, 60_000);
});
