// compose.yaml at the root holds the stack's production shape; these checks keep it honest without
// a Docker engine: health, restart, shared Redis, no literal secrets, configs that the apps accept,
// and environment variables the apps actually read.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");
// tooling/scripts has no yaml of its own: the gateway app's (the same catalog version).
const { parse } = createRequire(join(ROOT, "apps/gateway/package.json"))("yaml") as {
  parse(text: string, options?: { merge?: boolean }): unknown;
};

interface Service {
  build?: { context: string; dockerfile: string };
  image?: string;
  environment?: Record<string, string>;
  volumes?: string[];
  healthcheck?: { test: string[] };
  restart?: string;
}
const text = readFileSync(join(ROOT, "compose.yaml"), "utf8");
const compose = parse(text, { merge: true }) as { services: Record<string, Service> };
const services = Object.entries(compose.services);

/** Which app a service runs, by its Dockerfile; the config file it is mounted as; its schema. */
const APPS: Record<string, { dir: string; schemaFile: string; schemaName: string }> = {
  "apps/gateway/Dockerfile": {
    dir: "apps/gateway",
    schemaFile: "dist/config/config-schema.js",
    schemaName: "GatewayConfigFileSchema",
  },
  "apps/control-plane/Dockerfile": {
    dir: "apps/control-plane",
    schemaFile: "dist/config/config-schema.js",
    schemaName: "controlPlaneConfigSchema",
  },
  "apps/approvals-bridge/Dockerfile": {
    dir: "apps/approvals-bridge",
    schemaFile: "dist/config/bridge-config-schema.js",
    schemaName: "BridgeConfigSchema",
  },
};
const appOf = (service: Service) =>
  service.build === undefined ? undefined : APPS[service.build.dockerfile];
const SECRET_NAME = /(KEY|TOKEN|SECRET|PASSWORD)$/;

function sourcesOf(dir: string): string {
  const walk = (d: string): string[] =>
    readdirSync(d, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory()
        ? walk(join(d, e.name))
        : /\.ts$/.test(e.name)
          ? [readFileSync(join(d, e.name), "utf8")]
          : [],
    );
  // The app's src and the src of the workspace libraries it depends on (the signer reads
  // SEC0_SIGNER_KEY_DIRS for every app that takes a key).
  const manifest = JSON.parse(readFileSync(join(ROOT, dir, "package.json"), "utf8"));
  const libraries = Object.keys(manifest.dependencies ?? {})
    .filter((name) => name.startsWith("@sec0/"))
    .map((name) => join(ROOT, "packages", name.slice("@sec0/".length), "src"))
    .filter(existsSync);
  return [join(ROOT, dir, "src"), ...libraries].flatMap(walk).join("\n");
}

function mountedDeployConfigs(service: Service): string[] {
  return (service.volumes ?? [])
    .map((v) => v.split(":")[0] as string)
    .filter((host) => /^\.\/deploy\/.+\.ya?ml$/.test(host));
}

describe("compose.yaml", () => {
  it("gives every service a restart policy and a healthcheck", () => {
    for (const [name, service] of services) {
      expect(service.restart, `${name}: restart`).toBe("unless-stopped");
      expect(service.healthcheck?.test, `${name}: healthcheck`).toBeDefined();
    }
  });

  it("runs two gateway replicas on one REDIS_URL, each with its own audit volume", () => {
    const gateways = services.filter(([, s]) => s.build?.dockerfile === "apps/gateway/Dockerfile");
    expect(gateways.map(([name]) => name)).toEqual(["gateway-1", "gateway-2"]);
    const urls = new Set(gateways.map(([, s]) => s.environment?.REDIS_URL));
    expect([...urls]).toEqual(["redis://redis:6379/0"]);
    const audit = gateways.map(([, s]) => s.volumes?.find((v) => v.endsWith(":/var/lib/sec0/audit")));
    expect(new Set(audit).size).toBe(2);
  });

  it("points the control plane's DATABASE_URL at the postgres service", () => {
    const url = compose.services["control-plane"]?.environment?.DATABASE_URL ?? "";
    expect(new URL(url.replace(/\$\{[^}]+\}/, "x")).host).toBe("postgres:5432");
    expect(compose.services.postgres?.image).toMatch(/^postgres:16/);
  });

  it("holds no literal secret: every secret-looking value is a ${VARIABLE} or a file:// reference", () => {
    for (const [name, service] of services) {
      for (const [key, value] of Object.entries(service.environment ?? {})) {
        if (SECRET_NAME.test(key))
          expect(value, `${name}.${key}`).toMatch(/^(\$\{[A-Z0-9_]+(:[-?][^}]*)?\}|file:\/\/\S+)$/);
        if (key.endsWith("_URL"))
          expect(value, `${name}.${key}: password in a URL`).not.toMatch(/:\/\/[^/@:]+:(?!\$\{)[^@]+@/);
      }
    }
    expect(text).not.toMatch(/[A-Za-z0-9+/]{43}=/); // a base64 key seed
    expect(text).not.toMatch(/sec0_[0-9A-Za-z]{12}_/); // a control plane API key
  });

  it("builds only from Dockerfiles that exist, with the repository root as the context", () => {
    for (const [name, service] of services.filter(([, s]) => s.build !== undefined)) {
      expect(existsSync(join(ROOT, service.build!.dockerfile)), `${name}: ${service.build!.dockerfile}`).toBe(
        true,
      );
      expect(service.build!.context).toBe(".");
    }
  });

  it("mounts only files that exist (deploy/*.yaml, the stand-in tool server)", () => {
    for (const [name, service] of services)
      for (const host of (service.volumes ?? [])
        .map((v) => v.split(":")[0] as string)
        .filter((h) => h.startsWith("./")))
        expect(existsSync(join(ROOT, host)), `${name}: ${host}`).toBe(true);
  });

  it("sets only environment variables the app reads (in its source, or as an env:// ref of its config)", () => {
    for (const [name, service] of services) {
      const app = appOf(service);
      if (app === undefined) continue;
      const source = sourcesOf(app.dir);
      const refs = mountedDeployConfigs(service).flatMap((file) =>
        [...readFileSync(join(ROOT, file), "utf8").matchAll(/env:\/\/([A-Z0-9_]+)/g)].map((m) => m[1]),
      );
      for (const variable of Object.keys(service.environment ?? {}))
        expect(
          refs.includes(variable) || new RegExp(`\\b${variable}\\b`).test(source),
          `${name}: ${variable}`,
        ).toBe(true);
    }
  });
});

const configs = services.flatMap(([name, service]) => {
  const app = appOf(service);
  return app === undefined ? [] : mountedDeployConfigs(service).map((file) => ({ name, file, app }));
});
const unbuilt = [...new Set(configs.map(({ app }) => join(app.dir, app.schemaFile)))].filter(
  (file) => !existsSync(join(ROOT, file)),
);
if (unbuilt.length > 0)
  console.warn(`compose.test: config validation skipped, ${unbuilt.join(", ")} not built (pnpm build)`);

describe.skipIf(unbuilt.length > 0)("compose.yaml's deploy/*.yaml", () => {
  it("mounts a config for the gateways and the bridge", () => {
    expect(configs.map(({ name, file }) => `${name} ${file}`)).toEqual([
      "gateway-1 ./deploy/gateway.yaml",
      "gateway-2 ./deploy/gateway.yaml",
      "approvals-bridge ./deploy/approvals-bridge.yaml",
    ]);
  });

  it.each(configs)("$file validates against the schema of $name", async ({ file, app }) => {
    const module = await import(pathToFileURL(join(ROOT, app.dir, app.schemaFile)).href);
    const result = module[app.schemaName].safeParse(parse(readFileSync(join(ROOT, file), "utf8")));
    expect(result.success ? [] : result.error.issues).toEqual([]);
  });
});
