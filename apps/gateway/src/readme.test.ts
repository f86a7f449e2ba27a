// The README's example config runs as pasted, and the compose stack's config loads as the image
// would read it.
import { cpSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { silentLogger } from "@sec0/core";
import { afterEach, describe, expect, it } from "vitest";
import { createServiceDir, type ServiceDir } from "./__fixtures__/service-dir.js";
import { loadConfig } from "./config/load-config.js";
import { startService } from "./start-service.js";

const APP_DIR = join(dirname(fileURLToPath(import.meta.url)), "..");
const dirs: ServiceDir[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) d.remove();
});

/** The yaml block following `<!-- example: gateway.yaml -->` in the README. */
function readmeExample(): string {
  const readme = readFileSync(join(APP_DIR, "README.md"), "utf8");
  const match = /<!-- example: gateway\.yaml -->\n```yaml\n([\s\S]*?)```/.exec(readme);
  if (match?.[1] === undefined) throw new Error("README.md lost its example gateway.yaml block");
  return match[1];
}

describe("README example", () => {
  it("starts as pasted and accepts its demo key", async () => {
    const dir = createServiceDir(() => readmeExample());
    dirs.push(dir);
    const env = { PORT: "0" };
    const service = await startService(loadConfig(env, { cwd: dir.dir }), { env, logger: silentLogger });
    try {
      expect(service.mode).toBe("memory");
      expect((await fetch(`${service.url}/healthz`)).status).toBe(200);
      const call = (headers: Record<string, string>) =>
        fetch(`${service.url}/mcp/files/read@1`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-idempotency-key": "k-1", ...headers },
          body: "{}",
        });
      expect((await call({})).status).toBe(401);
      // Authenticated: the upstream on :9000 may not exist here, so anything but 401/403 will do.
      expect([401, 403]).not.toContain((await call({ "x-api-key": "sk-local-demo" })).status);
    } finally {
      await service.stop();
    }
  });
});

describe("compose config", () => {
  it("loads with the image's environment", () => {
    const dir = createServiceDir();
    dirs.push(dir);
    cpSync(join(APP_DIR, "compose/config/gateway.yaml"), dir.configPath);
    const config = loadConfig({
      SEC0_GATEWAY_CONFIG: dir.configPath,
      HOST: "0.0.0.0",
      PORT: "8088",
      SEC0_AUDIT_DIR: "/var/lib/sec0/audit",
      REDIS_URL: "redis://redis:6379/0",
    });
    expect(config).toMatchObject({
      tenant: "acme",
      server: { host: "0.0.0.0", port: 8088 },
      targets: { files: "http://tools:9000" },
    });
    expect(config.redis.url).toBe("redis://redis:6379/0");
  });
});
