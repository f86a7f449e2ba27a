// The real client (@sec0/policy's control-plane source) against a listening control plane.
import type { AddressInfo } from "node:net";
import { createControlPlanePolicySource } from "@sec0/policy";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { forEachStorage, type OpenedDatabase } from "../__fixtures__/databases.js";
import { bearer, buildTestApp, keyFor } from "../__fixtures__/test-app.js";

const BASE = 'tenant: acme\ntools:\n  allowlist: ["*"]\nenforcement:\n  deny_on: [tool_not_in_allowlist]\n';
const AGENT = 'tools:\n  allowlist: ["mcp://db/query@1.0"]\n';

forEachStorage("policy source against the control plane", (storage) => {
  let opened: OpenedDatabase;
  let app: FastifyInstance;
  let baseUrl: string;
  let key: string;
  beforeAll(async () => {
    opened = await storage.open();
    app = await buildTestApp(opened);
    await app.listen({ port: 0, host: "127.0.0.1" });
    baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    key = await keyFor(opened, "acme", ["policy:read", "policy:write"]);
    for (const [query, yaml] of [
      ["level=middleware", BASE],
      ["level=middleware&nodeId=planner", AGENT],
    ] as const) {
      const reply = await app.inject({
        method: "PUT",
        url: `/api/policy/acme?${query}`,
        headers: { ...bearer(key), "content-type": "text/yaml" },
        payload: yaml,
      });
      expect(reply.statusCode).toBe(201);
    }
  });
  afterAll(async () => {
    await app.close();
    await opened.close();
  });

  it("fetches, revalidates with If-None-Match (304) and merges the agent scope", async () => {
    const statuses: number[] = [];
    const recordingFetch: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      statuses.push(response.status);
      return response;
    };
    const source = createControlPlanePolicySource({
      baseUrl,
      tenant: "acme",
      apiKey: key,
      level: "middleware",
      fetch: recordingFetch,
    });
    const first = await source.get();
    expect(first.policy.tenant).toBe("acme");
    expect(first.policy.tools?.allowlist).toEqual(["*"]);
    expect(first.etag).toMatch(/^"[0-9a-f]{64}"$/);
    const second = await source.refresh();
    expect(statuses).toEqual([200, 304]);
    expect(second.policy).toEqual(first.policy);
    expect(second.hash).toBe(first.hash);

    const agent = await source.get({ nodeId: "planner" });
    expect(agent.policy.tools?.allowlist).toEqual(["mcp://db/query@1.0"]);
    expect(agent.policy.enforcement?.deny_on).toEqual(["tool_not_in_allowlist"]);
    source.close();
  });
});
