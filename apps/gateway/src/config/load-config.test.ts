import { isSec0Error, silentLogger } from "@sec0/core";
import { afterEach, describe, expect, it } from "vitest";
import { createServiceDir, type ServiceDir, validConfigYaml } from "../__fixtures__/service-dir.js";
import { loadConfig } from "./load-config.js";
import { loadSigner } from "./load-signer.js";

const UPSTREAM = "http://127.0.0.1:9000";
let dirs: ServiceDir[] = [];
afterEach(() => {
  for (const d of dirs) d.remove();
  dirs = [];
});

function serviceDir(yaml?: (apiKey: string) => string): ServiceDir {
  const d = createServiceDir(yaml);
  dirs.push(d);
  return d;
}

/** The one-line message of the config error `run` throws (and that it is the config code). */
function configError(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(isSec0Error(error, "GATEWAY_APP_CONFIG_INVALID")).toBe(true);
    const { message } = error as Error;
    expect(message).not.toContain("\n");
    return message;
  }
  throw new Error("expected GATEWAY_APP_CONFIG_INVALID");
}

describe("loadConfig", () => {
  it("loads a valid file with defaults and absolute paths", () => {
    const d = serviceDir((key) => validConfigYaml(UPSTREAM, key));
    const config = loadConfig({ SEC0_GATEWAY_CONFIG: d.configPath });
    expect(config.tenant).toBe("acme");
    expect(config.server).toEqual({ host: "127.0.0.1", port: 8088, shutdownTimeoutMs: 10_000 });
    expect(config.audit.dir).toBe(d.auditDir);
    expect(config.targets).toEqual({ files: UPSTREAM });
    expect(config.redis).toEqual({ url: undefined, prefix: "sec0:gateway:" });
    expect(config.logLevel).toBe("info");
  });

  it("reads ./gateway.yaml relative to cwd by default", () => {
    const d = serviceDir((key) => validConfigYaml(UPSTREAM, key));
    expect(loadConfig({}, { cwd: d.dir }).source.dir).toBe(d.dir);
  });

  it("reads a JSON config file too", () => {
    const d = serviceDir();
    const json = {
      tenant: "acme",
      gateway: { name: "gw", version: "2" },
      targets: { files: UPSTREAM },
      enforcement: { mode: "observe" },
      audit: { dir: "audit", key_ref: "file://./keys/ed25519.key" },
    };
    const path = d.write("gateway.json", JSON.stringify(json, null, 2));
    expect(loadConfig({ SEC0_GATEWAY_CONFIG: path }).enforcement.mode).toBe("observe");
    d.write("gateway.json", JSON.stringify({ ...json, targets: { files: 42 } }, null, 2));
    expect(configError(() => loadConfig({ SEC0_GATEWAY_CONFIG: "gateway.json" }, { cwd: d.dir }))).toMatch(
      /^gateway\.json: targets\.files: expected string, received number \(line 8, column 14\)$/,
    );
  });

  it("lets the environment override the file", () => {
    const d = serviceDir((key) => validConfigYaml(UPSTREAM, key));
    const config = loadConfig(
      {
        SEC0_GATEWAY_CONFIG: d.configPath,
        PORT: "9090",
        HOST: "0.0.0.0",
        SEC0_GATEWAY_TENANT: "acme",
        LOG_LEVEL: "debug",
        SEC0_AUDIT_DIR: "/var/lib/sec0/audit",
        SEC0_SIGNING_KEY_REF: "env://SIGNING_KEY",
        SEC0_AUDIT_SIGNING: "checkpoint",
        REDIS_URL: "redis://:pw@127.0.0.1:6379/0",
      },
      {},
    );
    expect(config.server.port).toBe(9090);
    expect(config.server.host).toBe("0.0.0.0");
    expect(config.logLevel).toBe("debug");
    expect(config.audit).toMatchObject({
      dir: "/var/lib/sec0/audit",
      keyRef: "env://SIGNING_KEY",
      signing: "checkpoint",
    });
    expect(config.redis.url).toBe("redis://:pw@127.0.0.1:6379/0");
  });

  it("reads audit.signing and refuses an unknown mode, naming the variable that set it", () => {
    const d = serviceDir((key) => validConfigYaml(UPSTREAM, key));
    expect(loadConfig({ SEC0_GATEWAY_CONFIG: d.configPath }, {}).audit.signing).toBeUndefined();
    expect(
      configError(() => loadConfig({ SEC0_GATEWAY_CONFIG: d.configPath, SEC0_AUDIT_SIGNING: "lazy" }, {})),
    ).toBe('env SEC0_AUDIT_SIGNING: expected one of "per_record", "checkpoint"');
  });

  it("names the file and key path of a target that is not an http(s) URL", () => {
    const d = serviceDir((key) => validConfigYaml("ftp://files", key));
    expect(configError(() => loadConfig({}, { cwd: d.dir }))).toBe(
      "gateway.yaml: targets.files: expected an http(s) URL (line 6, column 10)",
    );
  });

  it("refuses invalid YAML with its line", () => {
    const d = serviceDir(() => "tenant: acme\ngateway: [\n  name: x\n");
    expect(configError(() => loadConfig({}, { cwd: d.dir }))).toMatch(
      /^gateway\.yaml: invalid YAML: .+ \(line \d+, column \d+\)$/,
    );
  });

  it("refuses unknown keys (strict), naming the key", () => {
    const d = serviceDir((key) => validConfigYaml(UPSTREAM, key, "audti:\n  dir: x\n"));
    expect(configError(() => loadConfig({}, { cwd: d.dir }))).toMatch(/^gateway\.yaml: audti: unknown key/);
    const nested = serviceDir((key) =>
      validConfigYaml(UPSTREAM, key).replace("mode: enforce", "mode: enforce\n  deny: []"),
    );
    expect(configError(() => loadConfig({}, { cwd: nested.dir }))).toMatch(
      /^gateway\.yaml: enforcement\.deny: unknown key/,
    );
  });

  it("refuses wrong types and missing keys", () => {
    const d = serviceDir((key) => validConfigYaml(UPSTREAM, key, "limits:\n  max_body_bytes: lots\n"));
    expect(configError(() => loadConfig({}, { cwd: d.dir }))).toMatch(
      /^gateway\.yaml: limits\.max_body_bytes: expected a whole number \(line 17, column 19\)$/,
    );
    const mode = serviceDir((key) => validConfigYaml(UPSTREAM, key).replace("mode: enforce", "mode: block"));
    expect(configError(() => loadConfig({}, { cwd: mode.dir }))).toMatch(
      /^gateway\.yaml: enforcement\.mode: expected one of "observe", "enforce"/,
    );
    const missing = serviceDir((key) => validConfigYaml(UPSTREAM, key).replace(/gateway:\n.*\n.*\n/, ""));
    expect(configError(() => loadConfig({}, { cwd: missing.dir }))).toBe(
      "gateway.yaml: gateway: is required (expected object)",
    );
  });

  it("names the variable of a bad environment override, never the file", () => {
    const d = serviceDir((key) => validConfigYaml(UPSTREAM, key));
    expect(configError(() => loadConfig({ PORT: "eighty" }, { cwd: d.dir }))).toMatch(
      /^env PORT: expected a whole number/,
    );
    const redis = configError(() => loadConfig({ REDIS_URL: "http://user:hunter2@redis" }, { cwd: d.dir }));
    expect(redis).toBe("env REDIS_URL: expected a redis:// or rediss:// URL");
  });

  it("refuses a missing config file", () => {
    const d = serviceDir();
    expect(configError(() => loadConfig({ SEC0_GATEWAY_CONFIG: "conf/gw.yaml" }, { cwd: d.dir }))).toMatch(
      /^conf\/gw\.yaml: file not found/,
    );
  });

  it("refuses a plain API key without repeating it", () => {
    const d = serviceDir(
      () =>
        `${validConfigYaml(UPSTREAM, "x").replace(/api_keys:[\s\S]*$/, "")}api_keys:\n  - id: ci\n    key: sk-live-very-secret\n    tenant: acme\n`,
    );
    const message = configError(() => loadConfig({}, { cwd: d.dir }));
    expect(message).toMatch(
      /^gateway\.yaml: api_keys\[0\]\.key: plain API keys are refused; store only the key's SHA-256/,
    );
    expect(message).not.toContain("sk-live-very-secret");
  });

  it("refuses enforce mode with nobody to authenticate, and a config routing nowhere", () => {
    const noKeys = serviceDir(() => validConfigYaml(UPSTREAM, "x").replace(/api_keys:[\s\S]*$/, ""));
    expect(configError(() => loadConfig({}, { cwd: noKeys.dir }))).toMatch(
      /^gateway\.yaml: api_keys: enforce mode needs callers to authenticate/,
    );
    const noTargets = serviceDir((key) => validConfigYaml(UPSTREAM, key).replace(/targets:\n.*\n/, ""));
    expect(configError(() => loadConfig({}, { cwd: noTargets.dir }))).toMatch(
      /^gateway\.yaml: targets: name at least one upstream/,
    );
  });

  it("reports a policy file's problem with its path and line", () => {
    const d = serviceDir((key) => validConfigYaml(UPSTREAM, key, "policy: ./policy.yaml\n"));
    expect(configError(() => loadConfig({}, { cwd: d.dir }))).toBe(
      "gateway.yaml: policy: the policy file ./policy.yaml not found",
    );
    d.write("policy.yaml", "tenant: acme\nenforcment: {}\n");
    expect(configError(() => loadConfig({}, { cwd: d.dir }))).toMatch(
      /^\.\/policy\.yaml: enforcment: unknown key .* \(line 2, column 1\)$/,
    );
    d.write("policy.yaml", "tenant: other\n");
    expect(configError(() => loadConfig({}, { cwd: d.dir }))).toMatch(
      /^gateway\.yaml: policy: the policy file is for another tenant/,
    );
    d.write(
      "policy.yaml",
      "tenant: acme\nentitlements:\n  tenants:\n    acme:\n      allowlist: ['files/*']\n",
    );
    expect(loadConfig({}, { cwd: d.dir }).policy?.entitlements).toBeDefined();
  });
});

describe("loadSigner", () => {
  it("loads the key file relative to the config's directory", () => {
    const d = serviceDir((key) => validConfigYaml(UPSTREAM, key));
    expect(loadSigner(loadConfig({}, { cwd: d.dir }), {}, silentLogger).keyId).toMatch(
      /^ed25519:[0-9a-f]{64}$/,
    );
  });

  it("names audit.key_ref when the key file is missing", () => {
    const d = serviceDir((key) =>
      validConfigYaml(UPSTREAM, key).replace("keys/ed25519.key", "keys/missing.key"),
    );
    const config = loadConfig({}, { cwd: d.dir });
    expect(configError(() => loadSigner(config, {}, silentLogger))).toMatch(
      /^gateway\.yaml: audit\.key_ref: .*\(SIGNER_KEY_FILE_NOT_FOUND\)$/,
    );
  });

  it("names the variable when an env:// key is not set", () => {
    const d = serviceDir((key) => validConfigYaml(UPSTREAM, key));
    const env = { SEC0_SIGNING_KEY_REF: "env://SIGNING_KEY" };
    expect(configError(() => loadSigner(loadConfig(env, { cwd: d.dir }), env, silentLogger))).toMatch(
      /^env SEC0_SIGNING_KEY_REF: .*\(SIGNER_KEY_ENV_MISSING\)$/,
    );
  });
});
