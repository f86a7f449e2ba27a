// main from the workspace build (dist/main.js, compiled by the global setup): a bad config, one
// governed call in memory mode, and Redis mode against the real Redis on 127.0.0.1:6379.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createRedisClient } from "@sec0/guard/redis";
import { afterEach, describe, expect, it } from "vitest";
import { governedRead, isReachable } from "./__fixtures__/governed-call.js";
import { childEnv, type MainProcess, runMainToEnd, startMain } from "./__fixtures__/run-main.js";
import { createServiceDir, type ServiceDir, validConfigYaml } from "./__fixtures__/service-dir.js";
import { startUpstream, type Upstream } from "./__fixtures__/upstream.js";

const MAIN_JS = join(dirname(fileURLToPath(import.meta.url)), "../dist/main.js");
const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp(): Promise<{ dir: ServiceDir; upstream: Upstream }> {
  const upstream = await startUpstream();
  const dir = createServiceDir((key) => validConfigYaml(upstream.url, key));
  cleanups.push(
    () => upstream.close(),
    () => dir.remove(),
  );
  return { dir, upstream };
}

function track(main: MainProcess): MainProcess {
  cleanups.push(() => main.terminate(5_000));
  return main;
}

describe("sec0-gateway (workspace build)", () => {
  it("exits 1 with one line naming the file and key for a bad config", async () => {
    const dir = createServiceDir((key) => validConfigYaml("ftp://files", key));
    cleanups.push(() => dir.remove());
    const run = await runMainToEnd(MAIN_JS, { cwd: dir.dir, env: childEnv({}) });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr.trimEnd().split("\n")).toEqual([
      "sec0-gateway: GATEWAY_APP_CONFIG_INVALID: gateway.yaml: targets.files: expected an http(s) URL (line 6, column 10)",
    ]);
  });

  it("serves a governed call in memory mode, never logs the key (even at trace), and exits 0 on SIGTERM", async () => {
    const { dir, upstream } = await setUp();
    // At trace level, so anything the libraries log about the call is in the output the key must not be in.
    const env = childEnv({ PORT: "0", LOG_LEVEL: "trace" });
    const main = track(await startMain(MAIN_JS, { cwd: dir.dir, env }));
    expect(main.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(main.stdout()).toContain('"mode":"memory"');
    const answer = await governedRead(main.url, dir.apiKey, "k-memory-1");
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ ok: true, content: "hello" });
    expect(upstream.paths).toEqual(["/invoke/read%401"]);
    expect(await main.terminate()).toBe(0);
    expect(readdirSync(dir.auditDir).some((f) => /^audit-\d{4}-\d{2}-\d{2}\.ndjson$/.test(f))).toBe(true);
    expect(main.stdout() + main.stderr()).not.toContain(dir.apiKey);
  });

  it("uses Redis when REDIS_URL is set and reports it in /readyz", async (context) => {
    if (!(await isReachable("127.0.0.1", 6379))) {
      console.warn("skipped: no Redis on 127.0.0.1:6379");
      context.skip();
    }
    const { dir } = await setUp();
    const prefix = `sec0:gateway-app-test:${process.pid}:${Date.now()}:`;
    cleanups.push(() => deleteKeys("redis://127.0.0.1:6379/0", prefix));
    dir.write("gateway.yaml", `${readFileSync(dir.configPath, "utf8")}redis:\n  prefix: "${prefix}"\n`);
    const env = childEnv({ PORT: "0", REDIS_URL: "redis://127.0.0.1:6379/0" });
    const main = track(await startMain(MAIN_JS, { cwd: dir.dir, env }));
    expect(main.stdout()).toContain('"mode":"redis"');
    expect(main.stdout()).not.toContain("redis://");
    const ready = await fetch(`${main.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ready: true, checks: { redis: { ok: true } } });
    expect((await governedRead(main.url, dir.apiKey, "k-redis-1")).status).toBe(200);
    expect(await main.terminate()).toBe(0);
  });
});

/** Removes the test's keys (bounded: at most 100 scan rounds). */
async function deleteKeys(url: string, prefix: string): Promise<void> {
  const client = createRedisClient(url);
  try {
    let cursor = "0";
    for (let round = 0; round < 100; round++) {
      const [next, keys] = await client.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 1000);
      if (keys.length > 0) await client.del(...keys);
      cursor = next;
      if (cursor === "0") break;
    }
  } finally {
    client.disconnect();
  }
}
