import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { isSec0Error } from "@sec0/core";
import { afterEach, describe, expect, it } from "vitest";
import { getSec0AppConfig, initializeSec0App, resetSec0AppForTests } from "./index.js";

const fixtures = join(dirname(fileURLToPath(import.meta.url)), "__fixtures__");
const base = {
  app: { tenant: "demo", environment: "dev", client: { name: "demo-app", version: "2.0.0" }, hops: {} },
  controlPlane: { sec0Dir: "./.sec0", localSignerPath: "./.sec0/keys/ed25519.key" },
};

function withHops(hops: Record<string, unknown>) {
  return { ...base, app: { ...base.app, hops } };
}

function configError(fn: () => unknown): { message: string; field: unknown; line?: unknown } {
  try {
    fn();
  } catch (error) {
    if (isSec0Error(error, "INSTRUMENTATION_CONFIG_INVALID")) {
      return { message: error.message, field: error.details?.field, line: error.details?.line };
    }
    throw error;
  }
  throw new Error("expected INSTRUMENTATION_CONFIG_INVALID");
}

afterEach(() => resetSec0AppForTests());

describe("initializeSec0App", () => {
  it("loads the seed's sec0.config.yaml, resolves paths against cwd and stores the app", () => {
    const cwd = mkdtempSync(join(tmpdir(), "sec0-config-"));
    const profile = initializeSec0App(join(fixtures, "seed.sec0.config.yaml"), { cwd, env: {} });
    expect(profile.tenant).toBe("demo");
    expect(profile.environment).toBe("dev");
    expect(profile.client).toEqual({ name: "demo-agent-system", version: "1.0.0" });
    expect(profile.sec0Dir).toBe(join(cwd, ".sec0"));
    expect(profile.signerPath).toBe(join(cwd, ".sec0/keys/ed25519.key"));
    expect(profile.auditDir).toBe(join(cwd, ".sec0/logs"));
    expect(profile.hops.get("OrderAgent.run")).toMatchObject({
      key: "OrderAgent.run",
      type: "agent",
      nodeId: "order-agent",
      identity: { agent: "order-agent@1.0.0" },
      enforcement: { mode: "enforce", denyOn: [], escalateOn: [], strategy: "deny_on_match", enabled: true },
      propagateTo: [],
    });
    expect(profile.hops.get("Workflow.orchestrate")?.identity).toEqual({
      agent_orchestrator: "workflow-orch@1.0.0",
    });
    expect(getSec0AppConfig()).toBe(profile);
  });

  it("reads no signer key and opens no connection: a key that does not exist is fine", () => {
    const cwd = mkdtempSync(join(tmpdir(), "sec0-config-"));
    const profile = initializeSec0App(base, { cwd, env: {} });
    expect(profile.signerPath).toBe(join(cwd, ".sec0/keys/ed25519.key"));
    expect(profile.controlPlane).toEqual({ presign: false });
  });

  it("resolves the config path itself against cwd, and absolute paths stay", () => {
    const cwd = mkdtempSync(join(tmpdir(), "sec0-config-"));
    writeFileSync(
      join(cwd, "sec0.config.yaml"),
      "app: {tenant: t, environment: PROD, client: {name: c}}\ncontrolPlane: {sec0Dir: /var/sec0, localSignerPath: k.key}\n",
    );
    const profile = initializeSec0App(undefined, { cwd, env: {} });
    expect(profile.environment).toBe("prod");
    expect(profile.sec0Dir).toBe("/var/sec0");
    expect(profile.auditDir).toBe("/var/sec0/audit");
    expect(profile.signerPath).toBe(join(cwd, "k.key"));
    expect(profile.source).toBe(join(cwd, "sec0.config.yaml"));
    expect(profile.hops.size).toBe(0);
  });

  it("builds every hop type with its identity", () => {
    const profile = initializeSec0App(
      withHops({
        "A.run": { type: "agent", nodeId: "a", agentName: "a", agentVersion: "1" },
        "O.run": { type: "orchestrator", nodeId: "o", gatewayBaseUrl: "http://127.0.0.1:8088/" },
        "G.call": { type: "gateway", nodeId: "g", gateway: "edge" },
        "S.handle": { type: "server", nodeId: "s", server: "files" },
        "M.check": { type: "middleware", nodeId: "m", middleware: "auth", op: "verify" },
        "T.write": { type: "tool", nodeId: "t", server: "files", tool: "write@1.0" },
        "T.ref": { type: "tool", nodeId: "t2", server: "files", tool: "read", toolRef: "mcp://files/read@2" },
        "K.do": {
          type: "skill",
          nodeId: "k",
          skill: "summarize",
          source: "hub",
          skillRef: "hub/summarize@3",
        },
        "K.bare": {
          type: "skill",
          nodeId: "k2",
          skill: "plan",
          propagateTo: ["API.Example.com", "127.0.0.1:9"],
        },
      }),
      { cwd: "/srv", env: {} },
    );
    const identity = (key: string) => profile.hops.get(key)?.identity;
    expect(identity("A.run")).toEqual({ agent: "a@1" });
    expect(identity("O.run")).toEqual({ agent_orchestrator: "demo-app@2.0.0" });
    expect(identity("G.call")).toEqual({ gateway: "edge" });
    expect(identity("S.handle")).toEqual({ server: "files" });
    expect(identity("M.check")).toEqual({ middleware: "auth", op: "verify" });
    expect(identity("T.write")).toEqual({
      server: "files",
      tool: "write@1.0",
      tool_ref: "mcp://files/write@1.0",
    });
    expect(identity("T.ref")).toEqual({ server: "files", tool: "read", tool_ref: "mcp://files/read@2" });
    expect(identity("K.do")).toEqual({ skill: "summarize", skill_ref: "hub/summarize@3" });
    expect(identity("K.bare")).toEqual({ skill: "plan", skill_ref: "plan" });
    expect(profile.hops.get("K.bare")?.propagateTo).toEqual(["api.example.com", "127.0.0.1:9"]);
    // gateway hops take the orchestrator's gatewayBaseUrl and the app's tenant by default
    expect(profile.hops.get("G.call")).toMatchObject({
      gatewayBaseUrl: "http://127.0.0.1:8088",
      tenant: "demo",
    });
  });

  it("accepts the snake_case and camelCase enforcement keys", () => {
    const hop = (enforcement: unknown) =>
      initializeSec0App(withHops({ "S.h": { type: "server", nodeId: "s", server: "x", enforcement } }), {
        env: {},
      }).hops.get("S.h")?.enforcement;
    expect(hop({ deny_on: ["a", "a", "b"], escalate_on: ["c"], mode: "OBSERVE" })).toMatchObject({
      mode: "observe",
      denyOn: ["a", "b"],
      escalateOn: ["c"],
    });
    expect(hop({ denyOn: ["a"], escalateOn: ["c"], strategy: "deny_on_any" })).toMatchObject({
      mode: "enforce",
      denyOn: ["a"],
      escalateOn: ["c"],
      strategy: "deny_on_any",
    });
    expect(hop({ policy_level: "gateway", refreshTtlMs: 5, fallback_to_base: true })?.policy).toEqual({
      level: "gateway",
      refreshTtlMs: 5,
      fallbackToBase: true,
    });
    expect(hop({ enabled: false, mode: "enforce" })).toMatchObject({ enabled: false, mode: "observe" });
    const both = configError(() => hop({ deny_on: ["a"], denyOn: ["b"] }));
    expect(both.field).toBe('app.hops["S.h"].enforcement.deny_on');
    expect(both.message).toContain("keep only one");
  });

  it("refuses an unknown key, naming its path and line", () => {
    const error = configError(() =>
      initializeSec0App(join(fixtures, "bad-key.sec0.config.yaml"), { env: {} }),
    );
    expect(error.field).toBe('app.hops["OrderAgent.run"].agentVersoin');
    expect(error.line).toBe(11);
    expect(error.message).toMatch(/line 11: app\.hops\["OrderAgent\.run"\]\.agentVersoin is not a known key/);
    expect(configError(() => initializeSec0App({ ...base, extra: 1 })).field).toBe("extra");
    expect(
      configError(() => initializeSec0App({ ...base, controlPlane: { ...base.controlPlane, apiKey: "x" } }))
        .field,
    ).toBe("controlPlane.apiKey");
  });

  it("refuses missing required keys", () => {
    const { localSignerPath: _drop, ...noKey } = base.controlPlane;
    const missing = configError(() => initializeSec0App({ ...base, controlPlane: noKey }));
    expect(missing.field).toBe("controlPlane.localSignerPath");
    expect(missing.message).toContain("is required");
    expect(configError(() => initializeSec0App({ controlPlane: base.controlPlane })).field).toBe("app");
    expect(
      configError(() => initializeSec0App(withHops({ "A.r": { type: "agent", nodeId: "a" } }))).field,
    ).toBe('app.hops["A.r"].agentName');
    expect(
      configError(() => initializeSec0App(withHops({ "T.r": { type: "tool", nodeId: "t", server: "s" } })))
        .field,
    ).toBe('app.hops["T.r"].tool');
    expect(
      configError(() =>
        initializeSec0App(withHops({ "G.r": { type: "gateway", nodeId: "g", gateway: "e" } })),
      ).field,
    ).toBe('app.hops["G.r"].gatewayBaseUrl');
  });

  it("refuses a bad environment, hop type, node id or unquoted version", () => {
    const env = configError(() => initializeSec0App({ ...base, app: { ...base.app, environment: "qa" } }));
    expect(env).toMatchObject({ field: "app.environment" });
    expect(env.message).toContain("must be one of dev, staging, prod");
    const type = configError(() => initializeSec0App(withHops({ "X.y": { type: "robot", nodeId: "x" } })));
    expect(type.field).toBe('app.hops["X.y"].type');
    expect(type.message).toContain("agent, orchestrator, gateway, server, middleware, tool, skill");
    const node = configError(() =>
      initializeSec0App(withHops({ "S.h": { type: "server", nodeId: "My Node", server: "x" } })),
    );
    expect(node.message).toContain('write "my-node"');
    const version = configError(() =>
      initializeSec0App(
        withHops({ "A.r": { type: "agent", nodeId: "a", agentName: "a", agentVersion: 1.5 } }),
      ),
    );
    expect(version.message).toContain("quote it");
  });

  it("reports a missing file and YAML syntax errors with codes", () => {
    const cwd = mkdtempSync(join(tmpdir(), "sec0-config-"));
    expect(() => initializeSec0App("nope.yaml", { cwd })).toThrow(
      expect.objectContaining({ code: "INSTRUMENTATION_CONFIG_UNREADABLE" }),
    );
    writeFileSync(join(cwd, "broken.yaml"), "app:\n  tenant: [a\n");
    expect(configError(() => initializeSec0App("broken.yaml", { cwd })).message).toContain("not valid YAML");
  });

  it("takes the control-plane URL from the environment when the file has none", () => {
    const profile = initializeSec0App(
      { ...base, auth: { sec0ApiKey: "k" } },
      { env: { SEC0_CONTROL_PLANE_URL: "http://127.0.0.1:9/", API_BASE_URL: "http://ignored" } },
    );
    expect(profile.controlPlane).toEqual({ apiBaseUrl: "http://127.0.0.1:9", presign: true });
  });
});

describe("getSec0AppConfig", () => {
  it("says to call initializeSec0App before it ran", () => {
    expect(() => getSec0AppConfig()).toThrow(
      expect.objectContaining({
        code: "INSTRUMENTATION_NOT_INITIALIZED",
        message: expect.stringContaining("initializeSec0App"),
      }),
    );
  });
});
