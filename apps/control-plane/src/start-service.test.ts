import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { controlPlaneConfigSchema } from "./config/config-schema.js";
import { loadConfig } from "./config/load-config.js";
import { createLogger } from "./logger.js";
import { startService } from "./start-service.js";

function captureLogs() {
  let text = "";
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return { logger: createLogger("info", stream), text: () => text };
}

describe("startService", () => {
  it("starts on embedded PGlite in the data directory, creates its signing key once, and stops", async () => {
    const cwd = await mkdtemp(join(tmpdir(), "sec0-cp-service-"));
    const config = controlPlaneConfigSchema.parse({ port: 0, data_dir: "data" });
    const logs = captureLogs();
    const service = await startService(config, { logger: logs.logger, cwd, env: {} });
    expect(service.storage).toBe("pglite");
    expect(await (await fetch(`${service.url}/healthz`)).json()).toEqual({ status: "ok" });
    expect((await fetch(`${service.url}/readyz`)).status).toBe(200);
    await service.stop();
    const key = await readFile(join(cwd, ".sec0", "keys", "control-plane.key"), "utf8");
    expect(logs.text()).toContain("created the control plane's policy signing key");
    // A second start reuses the data directory and the key.
    const again = await startService(config, { logger: createLogger("silent"), cwd, env: {} });
    expect(again.context.signer.keyId).toBe(service.context.signer.keyId);
    await again.stop();
    expect(await readFile(join(cwd, ".sec0", "keys", "control-plane.key"), "utf8")).toBe(key);
  });

  it("never logs an API key or a database URL", async () => {
    const cwd = await mkdtemp(join(tmpdir(), "sec0-cp-service-"));
    const logs = captureLogs();
    logs.logger.info(
      {
        req: { headers: { authorization: "Bearer sec0_abcdefghijkl_abcdefghijklmnopqrstuvwxyzABCDEF" } },
        database_url: "postgres://u:pw@h/db",
      },
      "x",
    );
    expect(logs.text()).not.toContain("sec0_abcdefghijkl");
    expect(logs.text()).not.toContain("pw@");
    expect(cwd).not.toBe("");
  });
});

describe("loadConfig", () => {
  it("reads the file, lets the environment override it and names a bad key with its variable", async () => {
    const cwd = await mkdtemp(join(tmpdir(), "sec0-cp-config-"));
    const { writeFile } = await import("node:fs/promises");
    await writeFile(join(cwd, "cp.yaml"), "port: 9000\ndata_dir: state\n");
    const config = loadConfig({ SEC0_CONTROL_PLANE_CONFIG: "cp.yaml", SEC0_CONTROL_PLANE_PORT: "9100" }, cwd);
    expect(config).toMatchObject({ port: 9100, data_dir: "state", host: "127.0.0.1" });
    expect(() => loadConfig({ SEC0_CONTROL_PLANE_PORT: "http" }, cwd)).toThrow(
      /port \(or SEC0_CONTROL_PLANE_PORT\)/,
    );
    await writeFile(join(cwd, "bad.yaml"), "prot: 9000\n");
    expect(() => loadConfig({ SEC0_CONTROL_PLANE_CONFIG: "bad.yaml" }, cwd)).toThrow(
      expect.objectContaining({ code: "CP_CONFIG_INVALID" }),
    );
    await writeFile(join(cwd, "broken.yaml"), "port: [\n");
    expect(() => loadConfig({ SEC0_CONTROL_PLANE_CONFIG: "broken.yaml" }, cwd)).toThrow(/not valid YAML/);
    expect(() => loadConfig({ DATABASE_URL: "mysql://x" }, cwd)).toThrow(/DATABASE_URL/);
  });
});
