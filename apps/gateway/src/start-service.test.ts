import { createServer, type Server } from "node:net";
import { isSec0Error, silentLogger } from "@sec0/core";
import { afterEach, describe, expect, it } from "vitest";
import { governedRead } from "./__fixtures__/governed-call.js";
import { createServiceDir, type ServiceDir, validConfigYaml } from "./__fixtures__/service-dir.js";
import { startUpstream, type Upstream } from "./__fixtures__/upstream.js";
import { loadConfig } from "./config/load-config.js";
import { startService } from "./start-service.js";

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp(extra = ""): Promise<{ dir: ServiceDir; upstream: Upstream }> {
  const upstream = await startUpstream();
  const dir = createServiceDir((key) => validConfigYaml(upstream.url, key, extra));
  cleanups.push(
    () => upstream.close(),
    () => dir.remove(),
  );
  return { dir, upstream };
}

describe("startService", () => {
  it("serves governed calls in process and stops once, however often asked", async () => {
    const { dir } = await setUp();
    const env = { PORT: "0" };
    const service = await startService(loadConfig(env, { cwd: dir.dir }), { env, logger: silentLogger });
    expect((await governedRead(service.url, dir.apiKey, "k-in-process")).status).toBe(200);
    await Promise.all([service.stop(), service.stop()]);
    await service.stop();
    expect(service.server.listening).toBe(false);
  });

  it("fails with GATEWAY_APP_START_FAILED when the port is taken, and lets go of everything", async () => {
    const { dir } = await setUp();
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    cleanups.push(() => new Promise((resolve) => taken.close(resolve)));
    const env = { PORT: String((taken.address() as { port: number }).port) };
    const error = await startService(loadConfig(env, { cwd: dir.dir }), { env, logger: silentLogger }).catch(
      (e: unknown) => e,
    );
    expect(isSec0Error(error, "GATEWAY_APP_START_FAILED")).toBe(true);
    expect((error as Error).message).toMatch(/^cannot listen on 127\.0\.0\.1:\d+: /);
  });

  it("reports the gateway's own option errors as config errors naming the file", async () => {
    const { dir } = await setUp("policy: ./policy.yaml\n");
    dir.write(
      "policy.yaml",
      "tenant: acme\nauthn:\n  oidc:\n    issuer: https://id.example\n    audience: gw\n    jwks_uri: https://id.example/jwks\n    algorithms: [HS256]\n",
    );
    const env = { PORT: "0" };
    const error = await startService(loadConfig(env, { cwd: dir.dir }), { env, logger: silentLogger }).catch(
      (e: unknown) => e,
    );
    expect(isSec0Error(error, "GATEWAY_APP_CONFIG_INVALID")).toBe(true);
    expect((error as Error).message).toMatch(/^gateway\.yaml: .*\(GATEWAY_/);
  });
});
