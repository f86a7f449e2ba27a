// Hops against a control-plane stand-in on 127.0.0.1: the policy is fetched lazily at the first
// call, once, kept, revalidated after the TTL; a control plane that is down or hostile never
// lets a hop run (fail closed), unless the hop asks for its own config (fallback_to_base).
import { isSec0Error, type Sec0Error } from "@sec0/core";
import { createMemoryAuditSink, freePort, replyJson, startTestServer, type TestServer } from "@sec0/testkit";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { AgentManager } from "../../agent-manager/index.js";
import { resetSec0AppForTests } from "../../config/index.js";
import { sec0 } from "../../decorators/index.js";
import {
  basePolicyRequests,
  controlPlaneHandler,
  initControlPlaneApp,
  policyYaml,
} from "./__fixtures__/control-plane-app.js";
import { MAX_CONTROL_PLANE_REPLY_BYTES } from "./bounded-fetch.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
afterEach(() => resetSec0AppForTests());

const sink = createMemoryAuditSink();
let now = Date.parse("2026-12-01T12:00:00.000Z");
const clock = { now: () => now };
const options = { auditSink: sink, clock };
const BAD_STATE = { agentState: { nodeId: "someone-else" } };

async function rejection(promise: Promise<unknown>): Promise<Sec0Error> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isSec0Error(error)) throw new Error(`expected a Sec0Error, got ${String(error)}`);
  return error;
}

describe("the control-plane policy of hops", () => {
  it("is fetched lazily at the first call (none at definition), once, and revalidated after the TTL", async () => {
    server.handle(controlPlaneHandler({ policy: policyYaml({ denyOn: ["agent_state_invalid"] }) }));
    initControlPlaneApp(server.baseUrl);
    sink.clear();
    class Planner {
      @sec0.agent(undefined, options)
      async run(_ctx: object, input: string, _manager?: AgentManager) {
        return `planned ${input}`;
      }
    }
    const planner = new Planner();
    expect(server.requests).toHaveLength(0); // defining the class and an instance asks nothing
    await expect(planner.run({}, "a")).resolves.toBe("planned a");
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      "POST /api/auth/validate-key",
      "GET /api/policy/acme?level=middleware",
      "GET /api/policy/acme?level=middleware&nodeId=planner",
    ]);
    await expect(planner.run({}, "b")).resolves.toBe("planned b");
    await expect(planner.run(BAD_STATE, "c")).rejects.toMatchObject({ code: "POLICY_DENIED" });
    expect(basePolicyRequests(server.requests)).toHaveLength(1); // cached
    now += 6000; // past refresh_ttl_ms: 5000
    await expect(planner.run({}, "d")).resolves.toBe("planned d"); // served from cache at once
    await vi.waitFor(() => expect(basePolicyRequests(server.requests)).toHaveLength(2));
    expect(basePolicyRequests(server.requests)[1]?.headers["if-none-match"]).toBe('"v1"');
    expect(sink.records.map((r) => (r as { status: string }).status)).toEqual(["ok", "ok", "error", "ok"]);
  });

  it("fails closed when the control plane is down at the first call, and is recorded", async () => {
    initControlPlaneApp(`http://127.0.0.1:${await freePort()}`, { timeoutMs: 500 });
    sink.clear();
    let ran = 0;
    const run = sec0.wrap.agent("Planner.run", async (_ctx: object, _input: string) => ++ran, options);
    const error = await rejection(run({}, "x"));
    expect(ran).toBe(0);
    expect(error.code).toBe("POLICY_DENIED");
    expect(error.details).toMatchObject({
      denial_reason: "policy_fetch_failed",
      denial_level: "decorator",
      policy_error_codes: expect.arrayContaining(["GUARD_POLICY_UNAVAILABLE"]),
    });
    expect(error.message).toContain("fallback_to_base");
    expect(sink.records[0]).toMatchObject({
      status: "error",
      policy: { decision: "deny" },
      decision_reason: "policy_fetch_failed",
      error_code: "POLICY_DENIED",
    });
  });

  it("with fallback_to_base uses the hop's own config when no policy can be fetched", async () => {
    initControlPlaneApp(`http://127.0.0.1:${await freePort()}`, { timeoutMs: 500 });
    let ran = 0;
    const run = sec0.wrap.agent("Fallback.run", async (_ctx: object, _input: string) => ++ran, options);
    await expect(run({}, "x")).resolves.toBe(1); // the hop's deny_on has nothing to deny here
    await expect(run(BAD_STATE, "x")).rejects.toMatchObject({
      code: "POLICY_DENIED",
      details: { denial_reason: "agent_state_invalid" },
    });
    expect(ran).toBe(1);
  });

  const big = `tenant: acme\n# ${"x".repeat(MAX_CONTROL_PLANE_REPLY_BYTES)}\n`;
  const hostile: [string, Parameters<typeof controlPlaneHandler>[0], string?][] = [
    [
      "malformed JSON from validate-key",
      {
        policy: "",
        keyReply: (r) => void r.writeHead(200, { "content-type": "application/json" }).end("{tenant:"),
      },
      "CORE_CONTROL_PLANE_INVALID_REPLY",
    ],
    ["a policy that is not YAML", { policy: "tenant: [acme\nenforcement: {{{" }, "POLICY_FETCH_FAILED"],
    [
      "a policy that breaks the schema",
      { policy: "tenant: acme\nenforcement: { deny_on: allow_everything }\n" },
      "POLICY_INVALID",
    ],
    [
      "an oversized body",
      { policy: big, policyReply: (r) => void r.writeHead(200, { "content-type": "text/yaml" }).end(big) },
      "INSTRUMENTATION_CONTROL_PLANE_REPLY_REFUSED",
    ],
    [
      "an HTML page instead of the policy",
      {
        policy: "",
        policyReply: (r) => void r.writeHead(200, { "content-type": "text/html" }).end("<html>login</html>"),
      },
      "INSTRUMENTATION_CONTROL_PLANE_REPLY_REFUSED",
    ],
    [
      "a reply slower than controlPlane.timeoutMs",
      {
        policy: "",
        policyReply: (r) => {
          setTimeout(
            () => void r.writeHead(200, { "content-type": "text/yaml" }).end("tenant: acme\n"),
            1500,
          );
        },
      },
      "CORE_CONTROL_PLANE_UNAVAILABLE",
    ],
    ["another tenant's policy", { policy: "tenant: someone-else\n" }, "CORE_CONTROL_PLANE_TENANT_MISMATCH"],
  ];

  it.each(hostile)(
    "never lets a hop run on %s: POLICY_DENIED, policy_fetch_failed",
    async (_l, standIn, code) => {
      server.handle(controlPlaneHandler(standIn));
      initControlPlaneApp(server.baseUrl, { timeoutMs: 300 });
      let ran = 0;
      const error = await rejection(
        sec0.wrap.agent("Planner.run", async (_ctx: object, _input: string) => ++ran, options)({}, "x"),
      );
      expect(ran).toBe(0);
      expect(error.code).toBe("POLICY_DENIED");
      expect(error.details?.denial_reason).toBe("policy_fetch_failed");
      expect(error.details?.policy_error_codes).toEqual(expect.arrayContaining([code]));
      expect(JSON.stringify(error.details)).not.toContain("sec0_hop_test_key");
    },
  );

  it("a failed refresh keeps the last good policy in force (never an allow by failure)", async () => {
    let down = false;
    const healthy = controlPlaneHandler({ policy: policyYaml({ denyOn: ["agent_state_invalid"] }) });
    server.handle((request, response) =>
      down && request.url.startsWith("/api/policy/")
        ? replyJson(response, 500, { code: "BOOM" })
        : healthy(request, response),
    );
    initControlPlaneApp(server.baseUrl);
    const run = sec0.wrap.agent("Planner.run", async (_ctx: object, _input: string) => "ran", options);
    await expect(run({}, "x")).resolves.toBe("ran");
    down = true;
    now += 6000;
    await expect(run(BAD_STATE, "x")).rejects.toMatchObject({ code: "POLICY_DENIED" });
    await vi.waitFor(() => expect(basePolicyRequests(server.requests)).toHaveLength(2));
    await expect(run(BAD_STATE, "x")).rejects.toMatchObject({
      code: "POLICY_DENIED",
      details: { denial_reason: "agent_state_invalid" },
    });
  });
});
