import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalHttpServer, startLocalHttpServer } from "./__fixtures__/local-http-server.js";
import { createControlPlaneClient } from "./create-control-plane-client.js";

let server: LocalHttpServer;
beforeAll(async () => {
  server = await startLocalHttpServer();
});
afterAll(async () => {
  await server.close();
});

describe("getPolicy", () => {
  it("gets the YAML with level, nodeId and the key, then revalidates with If-None-Match", async () => {
    server.handle((req, res) => {
      if (req.headers["if-none-match"] === '"v1"') return void res.writeHead(304).end();
      res.writeHead(200, { "content-type": "text/yaml", etag: '"v1"' }).end("tenant: acme\n");
    });
    const client = createControlPlaneClient({ baseUrl: server.baseUrl, apiKey: "sec0_k" });
    const first = await client.getPolicy({ tenant: "acme corp", nodeId: "planner" });
    expect(first).toEqual({ status: "ok", yaml: "tenant: acme\n", etag: '"v1"' });
    expect(server.requests[0]?.url).toBe("/api/policy/acme%20corp?level=middleware&nodeId=planner");
    expect(server.requests[0]?.headers.authorization).toBe("Bearer sec0_k");
    expect(server.requests[0]?.headers.accept).toMatch(/^application\/yaml/);
    expect(await client.getPolicy({ tenant: "acme corp", level: "gateway", etag: '"v1"' })).toEqual({
      status: "not-modified",
    });
    expect(server.requests[1]?.url).toBe("/api/policy/acme%20corp?level=gateway");
  });

  it("answers empty for a 404 or an empty body, and throws for a 500", async () => {
    const client = createControlPlaneClient({ baseUrl: server.baseUrl });
    server.handle((_req, res) => res.writeHead(404).end("nothing"));
    expect(await client.getPolicy({ tenant: "acme" })).toEqual({ status: "empty" });
    server.handle((_req, res) => res.writeHead(200).end("  \n"));
    expect(await client.getPolicy({ tenant: "acme" })).toEqual({ status: "empty" });
    server.handle((_req, res) => res.writeHead(500).end());
    await expect(client.getPolicy({ tenant: "acme" })).rejects.toMatchObject({
      code: "CORE_CONTROL_PLANE_HTTP_ERROR",
      details: { status: 500, url: `${server.baseUrl}/api/policy/acme` },
    });
  });
});
