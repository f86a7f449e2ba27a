// fetch calls made inside a hop carry the hop's context only to the hosts it opts in to (and its
// gateway), never to others, never outside a hop, and never over a header the caller set.
import { decodeAgentStateHeader } from "@sec0/core";
import { createMemoryAuditSink, startTestServer, type TestServer } from "@sec0/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetSec0AppForTests } from "../config/index.js";
import { sec0 } from "../decorators/index.js";
import { initTestApp } from "../hop/__fixtures__/test-app.js";
import { propagatesTo } from "./propagate-outgoing.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  server.handle((_request, response) => response.writeHead(204).end());
});
afterAll(async () => {
  resetSec0AppForTests();
  await server.close();
});

describe("outgoing propagation", () => {
  it("adds traceparent, cause and agent-state headers to fetch calls to an opted-in host", async () => {
    const host = new URL(server.baseUrl).host;
    initTestApp({
      "Caller.run": {
        type: "agent",
        nodeId: "caller",
        agentName: "caller",
        agentVersion: "1.0.0",
        propagateTo: [host],
      },
      "Quiet.run": { type: "agent", nodeId: "quiet", agentName: "quiet", agentVersion: "1.0.0" },
    });
    const options = { auditSink: createMemoryAuditSink() };
    const call = sec0.wrap.agent(
      "Caller.run",
      async (_ctx: object, headers: Record<string, string>) => {
        await fetch(`${server.baseUrl}/x`, { headers });
      },
      options,
    );
    const quiet = sec0.wrap.agent(
      "Quiet.run",
      async () => {
        await fetch(`${server.baseUrl}/y`);
      },
      options,
    );
    await call({}, {});
    await call({}, { "x-node-id": "set-by-caller" });
    await quiet({});
    await fetch(`${server.baseUrl}/z`);
    const [first, second, third, outside] = server.requests;
    expect(first?.headers.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(first?.headers["x-cause-trace"]).toBe(first?.headers.traceparent?.toString().split("-")[1]);
    expect(decodeAgentStateHeader(String(first?.headers["x-agent-state"]))).toMatchObject({
      nodeId: "caller",
    });
    expect(second?.headers["x-node-id"]).toBe("set-by-caller");
    expect(third?.headers.traceparent).toBeUndefined();
    expect(outside?.headers.traceparent).toBeUndefined();
  });

  it("matches hosts exactly, by name, by *.suffix, and the hop's gateway", () => {
    const hop = {
      propagateTo: ["tools.internal", "*.corp.example", "api.local:8443"],
      gatewayBaseUrl: "http://127.0.0.1:9000/",
    };
    expect(propagatesTo(hop, "tools.internal:443")).toBe(true);
    expect(propagatesTo(hop, "a.corp.example")).toBe(true);
    expect(propagatesTo(hop, "corp.example.evil.com")).toBe(false);
    expect(propagatesTo(hop, "api.local:8443")).toBe(true);
    expect(propagatesTo(hop, "api.local:9443")).toBe(false);
    expect(propagatesTo(hop, "127.0.0.1:9000")).toBe(true);
    expect(propagatesTo(hop, "example.com")).toBe(false);
  });
});
