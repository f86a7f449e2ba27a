// The config keys of hops' control-plane policy and escalation wait: accepted, and refused with
// the field named.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { isSec0Error } from "@sec0/core";
import { afterEach, describe, expect, it } from "vitest";
import YAML from "yaml";
import { initializeSec0App, resetSec0AppForTests } from "./index.js";

afterEach(() => resetSec0AppForTests());

function config(controlPlane: Record<string, unknown>, enforcement: Record<string, unknown> = {}) {
  return {
    app: {
      tenant: "demo",
      environment: "dev",
      client: { name: "demo" },
      hops: { "S.h": { type: "server", nodeId: "s", server: "x", enforcement } },
    },
    auth: { sec0ApiKey: "sec0_key" },
    controlPlane: {
      sec0Dir: ".sec0",
      localSignerPath: "k.key",
      apiBaseUrl: "http://127.0.0.1:9",
      ...controlPlane,
    },
  };
}

function fieldOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    if (isSec0Error(error, "INSTRUMENTATION_CONFIG_INVALID")) return error.details?.field;
    throw error;
  }
  throw new Error("expected INSTRUMENTATION_CONFIG_INVALID");
}

describe("control-plane config of hops", () => {
  it("keeps controlPlane.timeoutMs and controlPlane.escalation, and which lists a hop set itself", () => {
    const profile = initializeSec0App(
      config(
        { timeoutMs: 2000, escalation: { timeoutMs: 60_000, pollIntervalMs: 500, ttlSeconds: 300 } },
        { deny_on: [] },
      ),
      { env: {} },
    );
    expect(profile.controlPlane).toMatchObject({
      timeoutMs: 2000,
      escalation: { timeoutMs: 60_000, pollIntervalMs: 500, ttlSeconds: 300 },
    });
    expect(profile.hops.get("S.h")?.enforcement.overrides).toEqual({ denyOn: true, escalateOn: false });
  });

  it("refuses unknown or bad values, naming the field", () => {
    const init = (cp: Record<string, unknown>, enforcement?: Record<string, unknown>) => () =>
      initializeSec0App(config(cp, enforcement), { env: {} });
    expect(fieldOf(init({ escalation: { timeout: 5 } }))).toBe("controlPlane.escalation.timeout");
    expect(fieldOf(init({ escalation: { pollIntervalMs: 0 } }))).toBe(
      "controlPlane.escalation.pollIntervalMs",
    );
    expect(fieldOf(init({ timeoutMs: -1 }))).toBe("controlPlane.timeoutMs");
    expect(fieldOf(init({}, { policy_level: "edge" }))).toBe('app.hops["S.h"].enforcement.policy_level');
    expect(fieldOf(init({}, { policyScope: "node" }))).toBe('app.hops["S.h"].enforcement.policyScope');
  });

  it("accepts the README's Policy example as written", () => {
    const readme = readFileSync(join(dirname(fileURLToPath(import.meta.url)), "../../README.md"), "utf8");
    const block = /<!-- example: hop-policy -->\n```yaml\n([\s\S]*?)\n```/.exec(readme)?.[1];
    expect(block).toBeDefined();
    const profile = initializeSec0App(YAML.parse(block as string), { cwd: "/srv", env: {} });
    expect(profile.controlPlane).toMatchObject({ apiBaseUrl: "https://api.sec0.ai", timeoutMs: 5000 });
    expect(profile.controlPlane.escalation).toEqual({
      timeoutMs: 600_000,
      pollIntervalMs: 2000,
      maxRetries: 3,
      retryBackoffMs: 250,
      ttlSeconds: 3600,
    });
    expect(profile.hops.get("OrderAgent.run")?.enforcement.policy).toEqual({
      level: "middleware",
      scope: "auto",
      refreshTtlMs: 60_000,
      fallbackToBase: false,
    });
  });
});
