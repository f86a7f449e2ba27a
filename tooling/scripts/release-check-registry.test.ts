import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error plain JavaScript module without declarations
import { startLocalRegistry } from "./release-check-registry.mjs";

// The upstream registry, played by a server on 127.0.0.1 (the tests stay offline).
let upstream: Server;
let upstreamUrl: string;
const upstreamRequests: Array<{ url?: string; accept?: string }> = [];
const ZOD_PACKUMENT = JSON.stringify({ name: "zod", "dist-tags": { latest: "4.0.0" }, versions: {} });

let registry: { url: string; proxied: Set<string>; close: () => Promise<void> };
const tarball = Buffer.from("not really a tarball, but bytes to serve");

beforeAll(async () => {
  upstream = createServer((request, response) => {
    upstreamRequests.push({ url: request.url, accept: request.headers.accept });
    if (request.url === "/zod")
      response.writeHead(200, { "content-type": "application/json" }).end(ZOD_PACKUMENT);
    else response.writeHead(404, { "content-type": "application/json" }).end('{"error":"Not found"}');
  });
  await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
  const address = upstream.address();
  upstreamUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  registry = await startLocalRegistry({
    packages: [{ manifest: { name: "@sec0/core", version: "0.2.3", license: "Apache-2.0" }, tarball }],
    upstream: upstreamUrl,
    timeoutMs: 5_000,
  });
});

afterAll(async () => {
  await registry.close();
  upstream.closeAllConnections();
  await new Promise<void>((resolve) => upstream.close(() => resolve()));
});

describe("the release check's local registry", () => {
  it("serves the packument of our package (npm asks for @scope%2fname)", async () => {
    const reply = await fetch(`${registry.url}/@sec0%2fcore`);
    expect(reply.status).toBe(200);
    const packument = (await reply.json()) as {
      "dist-tags": { latest: string };
      versions: Record<string, { name: string; license: string; _id: string; dist: Record<string, string> }>;
    };
    expect(packument["dist-tags"].latest).toBe("0.2.3");
    const version = packument.versions["0.2.3"];
    expect(version).toMatchObject({ name: "@sec0/core", license: "Apache-2.0", _id: "@sec0/core@0.2.3" });
    expect(version?.dist).toEqual({
      tarball: `${registry.url}/@sec0/core/-/core-0.2.3.tgz`,
      integrity: `sha512-${createHash("sha512").update(tarball).digest("base64")}`,
      shasum: createHash("sha1").update(tarball).digest("hex"),
    });
    const bytes = Buffer.from(await (await fetch(version?.dist.tarball ?? "")).arrayBuffer());
    expect(bytes.equals(tarball)).toBe(true);
  });

  it("passes other names to the upstream registry unchanged, with the client's accept header", async () => {
    const accept = "application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8, */*";
    const reply = await fetch(`${registry.url}/zod`, { headers: { accept } });
    expect(reply.status).toBe(200);
    expect(await reply.text()).toBe(ZOD_PACKUMENT);
    expect(upstreamRequests).toContainEqual({ url: "/zod", accept });
    const missing = await fetch(`${registry.url}/@someone%2fmissing`);
    expect(missing.status).toBe(404);
    expect(upstreamRequests.map((request) => request.url)).toContain("/@someone%2fmissing");
    expect([...registry.proxied].sort()).toEqual(["@someone/missing", "zod"]);
  });

  it("never passes our own names upstream, and is read-only", async () => {
    const before = upstreamRequests.length;
    await fetch(`${registry.url}/@sec0%2fcore`);
    expect(upstreamRequests.length).toBe(before);
    expect((await fetch(`${registry.url}/@sec0%2fcore`, { method: "PUT", body: "{}" })).status).toBe(405);
  });
});
