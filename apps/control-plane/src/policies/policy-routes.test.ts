import { canonicalBytes } from "@sec0/core";
import { createEd25519Verifier } from "@sec0/signer";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { forEachStorage, type OpenedDatabase } from "../__fixtures__/databases.js";
import { bearer, buildTestApp, keyFor } from "../__fixtures__/test-app.js";

const BASE = 'tenant: acme\ntools:\n  allowlist: ["*"]\nenforcement:\n  deny_on: [tool_not_in_allowlist]\n';
const BASE_2 =
  'tenant: acme\ntools:\n  allowlist: ["mcp://db/*"]\nenforcement:\n  deny_on: [tool_not_in_allowlist]\n';
const AGENT = 'tools:\n  allowlist: ["mcp://db/query@1.0"]\n';

forEachStorage("policy routes", (storage) => {
  let opened: OpenedDatabase;
  let app: FastifyInstance;
  let writer: string;
  let reader: string;
  beforeAll(async () => {
    opened = await storage.open();
    app = await buildTestApp(opened);
    writer = await keyFor(opened, "acme", ["policy:read", "policy:write"]);
    reader = await keyFor(opened, "acme", ["policy:read"]);
  });
  afterAll(async () => {
    await app.close();
    await opened.close();
  });

  const put = (
    yaml: string,
    query = "level=middleware",
    headers: Record<string, string> = {},
    tenant = "acme",
  ) =>
    app.inject({
      method: "PUT",
      url: `/api/policy/${tenant}?${query}`,
      headers: { ...bearer(writer), "content-type": "text/yaml", ...headers },
      payload: yaml,
    });
  const get = (
    query = "level=middleware",
    headers: Record<string, string> = {},
    key = reader,
    tenant = "acme",
  ) => app.inject({ url: `/api/policy/${tenant}?${query}`, headers: { ...bearer(key), ...headers } });
  const history = async (query: string) =>
    (await app.inject({ url: `/api/policy/acme/versions?${query}`, headers: bearer(reader) })).json()
      .versions as {
      version: number;
      sha256: string;
      created_by: string;
      signature: string;
      rollback_of: number | null;
    }[];

  it("answers an empty 200 body when there is no policy", async () => {
    const reply = await get("level=gateway&nodeId=nobody");
    expect(reply.statusCode).toBe(200);
    expect(reply.body).toBe("");
    expect(reply.headers["content-type"]).toContain("text/yaml");
    expect(reply.headers.etag).toBeUndefined();
  });

  it("publishes, serves with an ETag, answers 304, and changes the ETag with the content", async () => {
    const created = await put(BASE);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      tenant: "acme",
      level: "middleware",
      scope: "base",
      version: 1,
      rollback_of: null,
    });
    const first = await get();
    expect(first.statusCode).toBe(200);
    expect(first.body).toBe(BASE);
    expect(first.headers["content-type"]).toContain("text/yaml");
    expect(first.headers.etag).toMatch(/^"[0-9a-f]{64}"$/);
    expect(first.headers["x-sec0-policy-version"]).toBe("1");
    expect(first.headers["x-sec0-policy-signature"]).toMatch(/^ed25519:[A-Za-z0-9+/]+={0,2}$/);
    const etag = first.headers.etag as string;
    const notModified = await get("level=middleware", { "if-none-match": etag });
    expect(notModified.statusCode).toBe(304);
    expect(notModified.body).toBe("");
    expect((await get("level=middleware", { "if-none-match": `W/"x", ${etag}` })).statusCode).toBe(304);

    const unchanged = await put(BASE);
    expect(unchanged.statusCode).toBe(200);
    expect(unchanged.json().version).toBe(1);

    expect((await put(BASE_2)).statusCode).toBe(201);
    const changed = await get("level=middleware", { "if-none-match": etag });
    expect(changed.statusCode).toBe(200);
    expect(changed.body).toBe(BASE_2);
    expect(changed.headers.etag).not.toBe(etag);
    expect(changed.headers["x-sec0-policy-version"]).toBe("2");
    expect((await history("level=middleware")).map((v) => v.version)).toEqual([1, 2]);
  });

  it("serves a nodeId's own policy over the base, and the base for other nodes", async () => {
    expect((await put(BASE, "level=gateway")).statusCode).toBe(201);
    expect((await put(AGENT, "level=gateway&nodeId=planner")).statusCode).toBe(201);
    const planner = await get("level=gateway&nodeId=planner");
    expect(planner.body).toBe(AGENT);
    expect(planner.headers["x-sec0-policy-scope"]).toBe("planner");
    const other = await get("level=gateway&nodeId=writer");
    expect(other.body).toBe(BASE);
    expect(other.headers["x-sec0-policy-scope"]).toBe("base");
    expect((await get("level=gateway")).body).toBe(BASE);
  });

  it("refuses YAML that does not parse, with its line, and stores nothing", async () => {
    const reply = await put(
      'tenant: acme\ntools:\n  allowlist: ["*"\nenforcement: {}\n',
      "level=middleware&nodeId=syntax",
    );
    expect(reply.statusCode).toBe(400);
    const body = reply.json();
    expect(body.code).toBe("CP_POLICY_INVALID");
    expect(body.details.policyCode).toBe("POLICY_YAML_SYNTAX");
    expect(body.details.issues[0]).toMatchObject({
      code: "yaml_syntax",
      line: expect.any(Number),
      column: expect.any(Number),
    });
    expect(body.details.issues[0].line).toBeGreaterThanOrEqual(3);
    expect(await history("level=middleware&nodeId=syntax")).toEqual([]);
  });

  it("refuses a schema violation (unknown key) with its line and path, and stores nothing", async () => {
    const reply = await put(
      "tenant: acme\ntools:\n  allowlist: ['*']\nenforcment: {}\n",
      "level=middleware&nodeId=schema",
    );
    expect(reply.statusCode).toBe(400);
    const body = reply.json();
    expect(body.code).toBe("CP_POLICY_INVALID");
    expect(body.details.policyCode).toBe("POLICY_INVALID");
    expect(body.details.issues).toEqual([
      expect.objectContaining({
        path: "enforcment",
        line: 4,
        column: 1,
        code: "unknown_key",
        suggestion: "enforcement",
      }),
    ]);
    expect(await history("level=middleware&nodeId=schema")).toEqual([]);
  });

  it("reports lines of an agent policy without tenant as sent", async () => {
    const reply = await put(
      "tools:\n  allowlist: ['*']\nenforcment: {}\n",
      "level=middleware&nodeId=agent-lines",
    );
    expect(reply.statusCode).toBe(400);
    expect(reply.json().details.issues[0]).toMatchObject({ path: "enforcment", line: 3, column: 1 });
  });

  it("refuses a policy whose tenant field names another tenant", async () => {
    const reply = await put(
      BASE.replace("tenant: acme", "tenant: globex"),
      "level=middleware&nodeId=wrong-tenant",
    );
    expect(reply.statusCode).toBe(400);
    expect(reply.json()).toMatchObject({ code: "CP_POLICY_TENANT_MISMATCH" });
    expect(await history("level=middleware&nodeId=wrong-tenant")).toEqual([]);
  });

  it("refuses another tenant in the path, and a read-only key's PUT", async () => {
    await keyFor(opened, "globex", ["admin"]);
    const other = await get("level=middleware", {}, reader, "globex");
    expect(other.statusCode).toBe(403);
    expect(other.json().code).toBe("CP_TENANT_MISMATCH");
    const readOnly = await app.inject({
      method: "PUT",
      url: "/api/policy/acme?level=middleware",
      headers: { ...bearer(reader), "content-type": "text/yaml" },
      payload: BASE,
    });
    expect(readOnly.statusCode).toBe(403);
    expect(readOnly.json().code).toBe("CP_SCOPE_MISSING");
    expect((await app.inject({ url: "/api/policy/acme?level=middleware" })).statusCode).toBe(401);
  });

  it("numbers 20 concurrent publishes 1..20 without gaps or duplicates", async () => {
    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        put(`tenant: acme\ntools:\n  allowlist: ["mcp://tool-${i}/*"]\n`, "level=middleware&nodeId=race"),
      ),
    );
    expect(replies.map((reply) => reply.statusCode)).toEqual(Array(20).fill(201));
    const numbers = replies.map((reply) => reply.json().version as number).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect((await history("level=middleware&nodeId=race")).map((v) => v.version)).toEqual(numbers);
  });

  it("signs each version verifiably with the key /api/policy-signing-key serves", async () => {
    const served = await get("level=middleware");
    const key = (await app.inject({ url: "/api/policy-signing-key" })).json();
    expect(key.algorithm).toBe("ed25519");
    expect(served.headers["x-sec0-policy-key-id"]).toBe(key.key_id);
    const verifier = createEd25519Verifier(new Uint8Array(Buffer.from(key.public_key, "base64")));
    expect(verifier.keyId).toBe(key.key_id);
    const payload = {
      tenant: "acme",
      level: "middleware",
      scope: "base",
      version: Number(served.headers["x-sec0-policy-version"]),
      sha256: (served.headers.etag as string).slice(1, -1),
    };
    const signature = new Uint8Array(
      Buffer.from((served.headers["x-sec0-policy-signature"] as string).slice(8), "base64"),
    );
    expect(verifier.verify(canonicalBytes(payload), signature)).toBe(true);
    expect(verifier.verify(canonicalBytes({ ...payload, version: payload.version + 1 }), signature)).toBe(
      false,
    );
  });

  it("keeps a history, serves one version, diffs two and rolls back as a new version", async () => {
    const versions = await history("level=middleware");
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    expect(versions[0]?.created_by).toMatch(/\S/);
    const one = await app.inject({
      url: "/api/policy/acme/versions/1?level=middleware",
      headers: bearer(reader),
    });
    expect(one.body).toBe(BASE);
    expect(one.headers["x-sec0-policy-version"]).toBe("1");
    const missing = await app.inject({
      url: "/api/policy/acme/versions/9?level=middleware",
      headers: bearer(reader),
    });
    expect(missing.statusCode).toBe(404);

    const diff = await app.inject({
      url: "/api/policy/acme/diff?level=middleware&from=1&to=2",
      headers: bearer(reader),
    });
    expect(diff.json()).toEqual({
      from: 1,
      to: 2,
      diff: '--- version 1\n+++ version 2\n@@ -1,5 +1,5 @@\n tenant: acme\n tools:\n-  allowlist: ["*"]\n+  allowlist: ["mcp://db/*"]\n enforcement:\n   deny_on: [tool_not_in_allowlist]\n',
    });

    const rollback = await app.inject({
      method: "POST",
      url: "/api/policy/acme/rollback?level=middleware",
      headers: bearer(writer),
      payload: { version: 1 },
    });
    expect(rollback.statusCode).toBe(201);
    expect(rollback.json()).toMatchObject({ version: 3, rollback_of: 1, sha256: versions[0]?.sha256 });
    const current = await get();
    expect(current.body).toBe(BASE);
    expect(current.headers["x-sec0-policy-version"]).toBe("3");
    const noSuch = await app.inject({
      method: "POST",
      url: "/api/policy/acme/rollback?level=middleware",
      headers: bearer(writer),
      payload: { version: 42 },
    });
    expect(noSuch.statusCode).toBe(404);
  });

  it("honours If-Match: the current ETag publishes, a stale one is 412", async () => {
    const current = (await get()).headers.etag as string;
    const stale = await put(BASE_2, "level=middleware", { "if-match": '"0000"' });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().code).toBe("CP_PRECONDITION_FAILED");
    const ok = await put(BASE_2, "level=middleware", { "if-match": current });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().version).toBe(4);
  });

  it("accepts application/json {yaml}", async () => {
    const reply = await app.inject({
      method: "PUT",
      url: "/api/policy/acme?level=middleware&nodeId=json-body",
      headers: bearer(writer),
      payload: { yaml: AGENT },
    });
    expect(reply.statusCode).toBe(201);
  });

  it("refuses an oversized body with 413", async () => {
    const reply = await put(
      `tenant: acme\n# ${"x".repeat(1024 * 1024 + 10)}\n`,
      "level=middleware&nodeId=huge",
    );
    expect(reply.statusCode).toBe(413);
    expect(reply.json().code).toBe("CP_BODY_TOO_LARGE");
    expect(await history("level=middleware&nodeId=huge")).toEqual([]);
  });

  it("rejects a malformed level or nodeId", async () => {
    expect((await get("level=edge")).statusCode).toBe(400);
    expect((await get("level=middleware&nodeId=Not_Normal")).statusCode).toBe(400);
  });
});
