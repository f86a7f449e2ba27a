import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { initializeSec0App, resetSec0AppForTests, resolveHop } from "./index.js";

beforeEach(() => {
  initializeSec0App(
    {
      app: {
        tenant: "demo",
        environment: "staging",
        client: { name: "app" },
        hops: {
          "OrderAgent.run": { type: "agent", nodeId: "order-agent", agentName: "order", agentVersion: "1.0" },
          "Files.write": { type: "tool", nodeId: "files", server: "files", tool: "write@1.0" },
        },
      },
      controlPlane: { sec0Dir: ".sec0", localSignerPath: ".sec0/keys/k" },
    },
    { env: {} },
  );
});
afterEach(() => resetSec0AppForTests());

describe("resolveHop", () => {
  it("returns the registry entry", () => {
    expect(resolveHop("OrderAgent.run", "agent").identity).toEqual({ agent: "order@1.0" });
  });

  it("writes inline fields over the registry entry", () => {
    const hop = resolveHop("Files.write", "tool", { tool: "write@2.0", enforcement: { deny_on: ["x"] } });
    expect(hop.identity).toEqual({ server: "files", tool: "write@2.0", tool_ref: "mcp://files/write@2.0" });
    expect(hop.enforcement.denyOn).toEqual(["x"]);
  });

  it("builds an unregistered hop from inline fields with a nodeId", () => {
    expect(resolveHop("Web.fetch", "server", { nodeId: "web", server: "web" }).nodeId).toBe("web");
  });

  it("refuses an unknown hop without an inline nodeId", () => {
    expect(() => resolveHop("Nope.run", "agent")).toThrow(
      expect.objectContaining({
        code: "INSTRUMENTATION_HOP_UNKNOWN",
        details: { hop: "Nope.run", type: "agent" },
      }),
    );
    expect(() => resolveHop("Nope.run", "agent", { agentName: "x" })).toThrow(
      expect.objectContaining({ code: "INSTRUMENTATION_HOP_UNKNOWN" }),
    );
  });

  it("refuses a hop used with another type than configured", () => {
    expect(() => resolveHop("OrderAgent.run", "orchestrator")).toThrow(
      expect.objectContaining({
        code: "INSTRUMENTATION_HOP_TYPE_MISMATCH",
        details: { hop: "OrderAgent.run", expected: "orchestrator", configured: "agent" },
      }),
    );
  });

  it("validates inline fields like the file", () => {
    expect(() => resolveHop("Files.write", "tool", { bogus: 1 })).toThrow(
      expect.objectContaining({
        code: "INSTRUMENTATION_CONFIG_INVALID",
        details: expect.objectContaining({ field: 'app.hops["Files.write"].bogus' }),
      }),
    );
  });

  it("needs an initialised app", () => {
    resetSec0AppForTests();
    expect(() => resolveHop("OrderAgent.run", "agent")).toThrow(
      expect.objectContaining({ code: "INSTRUMENTATION_NOT_INITIALIZED" }),
    );
  });
});
