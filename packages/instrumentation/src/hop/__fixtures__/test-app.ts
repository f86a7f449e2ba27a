// A small app for the hop and decorator tests: three hops, a memory audit sink.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { initializeSec0App } from "../../config/index.js";

/** The hops every test app has; `overrides` replace or add entries. */
export const TEST_HOPS: Readonly<Record<string, Record<string, unknown>>> = {
  "OrderAgent.run": {
    type: "agent",
    nodeId: "order-agent",
    agentName: "order-agent",
    agentVersion: "1.0.0",
    enforcement: { mode: "enforce", deny_on: ["agent_state_invalid"] },
  },
  "Workflow.orchestrate": {
    type: "orchestrator",
    nodeId: "workflow",
    orchestratorName: "workflow",
    orchestratorVersion: "2.0.0",
  },
  "Web.fetch": {
    type: "tool",
    nodeId: "web-fetch",
    server: "web",
    tool: "fetch@1.0",
    enforcement: { mode: "enforce", deny_on: ["agent_state_invalid"] },
  },
  "Observed.run": {
    type: "agent",
    nodeId: "observed",
    agentName: "observed",
    agentVersion: "1.0.0",
    enforcement: { mode: "observe", deny_on: ["agent_state_invalid"] },
  },
};

/** Initialises the current app with {@link TEST_HOPS} (plus `overrides`) in a fresh temp dir. */
export function initTestApp(
  overrides: Readonly<Record<string, Record<string, unknown>>> = {},
  cwd: string = mkdtempSync(join(tmpdir(), "sec0-hop-")),
) {
  return initializeSec0App(
    {
      app: {
        tenant: "acme",
        environment: "dev",
        client: { name: "shop", version: "1.2.3" },
        hops: { ...TEST_HOPS, ...overrides },
      },
      controlPlane: { sec0Dir: ".sec0", localSignerPath: ".sec0/keys/ed25519.key" },
    },
    { cwd, env: {} },
  );
}
