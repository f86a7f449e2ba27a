// A control-plane policy (0.2.3's `source: "control-plane"`), served by a stand-in on 127.0.0.1:
// the config's overrides apply to it, and a policy that is missing or does not fit fails closed.
import { startTestServer, type TestServer } from "@sec0/testkit";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createWorkspace, INJECTION, POLICY_YAML } from "./__fixtures__/openclaw-fixtures.js";
import { createMoltbotHooks, type MoltbotHooks } from "./create-moltbot-hooks.js";
import type { Sec0MoltbotConfig } from "./moltbot-config.js";

let server: TestServer;
const workspace = createWorkspace("control-plane");
const opened: MoltbotHooks[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  for (const hooks of opened.splice(0)) await hooks.close();
  server.requests.length = 0;
});
afterAll(async () => {
  await server.close();
  workspace.cleanup();
});

/** The stand-in answers `GET /api/policy/acme` with `yaml` (or `status` without a body). */
function servePolicy(yaml: string | undefined, status = 200) {
  server.handle((request, response) => {
    if (request.method === "GET" && request.url.startsWith("/api/policy/acme") && yaml !== undefined) {
      response.writeHead(status, { "content-type": "text/yaml" }).end(yaml);
      return;
    }
    response.writeHead(yaml === undefined ? status : 404).end();
  });
}

function hooksFrom(overrides: Partial<Sec0MoltbotConfig> = {}): MoltbotHooks {
  const hooks = createMoltbotHooks(
    workspace.config({
      policyPath: undefined,
      policySourceConfig: { source: "control-plane", controlPlaneSource: { level: "middleware" } },
      apiKey: "sec0_test_openclaw_policy_1",
      controlPlaneUrl: server.baseUrl,
      ...overrides,
    }),
  );
  opened.push(hooks);
  return hooks;
}

const ctx = (toolName: string) => ({ toolName, sessionKey: "agent:main:cp", agentId: "main" });

describe("a control-plane policy", () => {
  it("decides tool calls and messages with the control plane's policy", async () => {
    servePolicy(POLICY_YAML);
    const hooks = hooksFrom();
    expect(hooks.meta.policySource).toBe("control-plane");
    expect(await hooks.beforeToolCall({ toolName: "exec", params: {} }, ctx("exec"))).toMatchObject({
      block: true,
    });
    expect(
      await hooks.beforeToolCall({ toolName: "read_file", params: { path: "a.md" } }, ctx("read_file")),
    ).toBeUndefined();
    expect(
      await hooks.messageSending?.({ to: "bob", content: INJECTION }, { channelId: "telegram" }),
    ).toMatchObject({
      cancel: true,
    });
    const fetched = server.requests.find((r) => r.url.startsWith("/api/policy/acme"));
    expect(fetched?.headers.authorization).toBe("Bearer sec0_test_openclaw_policy_1");
  });

  it("applies the config's allowlist over the control plane's", async () => {
    servePolicy(POLICY_YAML);
    const hooks = hooksFrom({ allowlist: ["exec"] });
    expect(await hooks.beforeToolCall({ toolName: "exec", params: {} }, ctx("exec"))).toBeUndefined();
    expect(await hooks.beforeToolCall({ toolName: "read_file", params: {} }, ctx("read_file"))).toMatchObject(
      {
        block: true,
      },
    );
  });

  it("blocks everything when the control plane is down or its policy names another tenant", async () => {
    servePolicy(undefined, 503);
    const down = hooksFrom();
    expect(await down.beforeToolCall({ toolName: "read_file", params: {} }, ctx("read_file"))).toMatchObject({
      block: true,
    });
    expect(
      await down.messageSending?.({ to: "bob", content: "hi" }, { channelId: "telegram" }),
    ).toMatchObject({
      cancel: true,
    });
    servePolicy(POLICY_YAML.replace("tenant: acme", "tenant: other"));
    const foreign = hooksFrom();
    expect(
      await foreign.beforeToolCall({ toolName: "read_file", params: {} }, ctx("read_file")),
    ).toMatchObject({
      block: true,
    });
  });

  it("needs an API key", () => {
    expect(() => hooksFrom({ apiKey: undefined })).toThrow(/apiKey is required/);
  });
});
