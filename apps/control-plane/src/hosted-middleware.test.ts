// The hosted middleware against our own control plane, end to end over loopback HTTP: it fetches
// its policy from the control plane, a call the policy escalates creates an escalation there, a
// human approves it, and the approval token the requester gets runs the call once.
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { sec0HostedMiddleware } from "@sec0/middleware";
import { LocalDevSigner } from "@sec0/signer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createControlPlane } from "./app.js";
import type { Database } from "./db/database.js";
import { migrate } from "./db/migrate.js";
import { openPglite } from "./db/open-pglite.js";
import { bootstrapTenant } from "./keys/bootstrap-tenant.js";
import { createApiKey } from "./keys/create-api-key.js";

const POLICY = `tenant: acme
tools:
  allowlist: ["mcp://files/read@1.0"]
enforcement:
  deny_on: [tool_not_in_allowlist]
  escalate_on: [tool_not_in_allowlist]
`;

let db: Database;
let app: ReturnType<typeof createControlPlane>;
let baseUrl: string;
let admin: string;

beforeAll(async () => {
  db = await openPglite(undefined);
  await migrate(db);
  admin = await bootstrapTenant(db, { tenantId: "acme", name: "Acme" });
  app = createControlPlane({ db, signer: LocalDevSigner.fromSeed(new Uint8Array(32).fill(3)) });
  baseUrl = (await app.listen({ port: 0, host: "127.0.0.1" })).replace(/\/$/, "");
  const put = await fetch(`${baseUrl}/api/policy/acme?level=middleware`, {
    method: "PUT",
    headers: { authorization: `Bearer ${admin}`, "content-type": "text/yaml" },
    body: POLICY,
  });
  expect(put.status).toBe(201);
});

afterAll(async () => {
  await app?.close();
  await db?.close();
});

/** An official-SDK server with `read` and `delete`, wrapped by the hosted middleware. */
async function hostedServer(apiKey: string, runs: string[]) {
  const server = new McpServer({ name: "files", version: "1.0.0" });
  for (const name of ["read", "delete"]) {
    server.registerTool(
      name,
      { description: `${name} a file`, inputSchema: { path: z.string() }, _meta: { version: "1.0" } },
      async ({ path }) => {
        runs.push(`${name} ${path}`);
        return { content: [{ type: "text", text: `${name}: ${path}` }] };
      },
    );
  }
  const dir = await mkdtemp(join(tmpdir(), "sec0-e2e-hosted-"));
  sec0HostedMiddleware({
    policy: { source: "control-plane", tenant: "acme", level: "middleware" },
    controlPlaneUrl: baseUrl,
    auth: { apiKey },
    signer: LocalDevSigner.fromSeed(new Uint8Array(32).fill(5)),
    sec0: { dir },
    telemetry: { enabled: false },
  })(server);
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name: "agent", version: "1.0.0" });
  await client.connect(clientSide);
  return client;
}

const refusalOf = (result: unknown) =>
  (result as { _meta?: Record<string, { escalationId?: string; decision?: string; reason?: string }> })
    ._meta?.["sec0/refusal"];

describe("hosted middleware against the control plane", () => {
  it("fetches its policy, escalates, and runs the call once with the approval token", async () => {
    const requester = (
      await createApiKey(db, {
        tenantId: "acme",
        label: "agent",
        scopes: ["policy:read", "escalation:create"],
      })
    ).text;
    const approver = (
      await createApiKey(db, { tenantId: "acme", label: "dana", scopes: ["escalation:vote"], userId: "dana" })
    ).text;
    const runs: string[] = [];
    const client = await hostedServer(requester, runs);

    // Allowed by the fetched policy.
    await client.callTool({ name: "read", arguments: { path: "/a" } });
    expect(runs).toEqual(["read /a"]);

    // Outside the allowlist and escalate_on: an escalation in the control plane, nothing run.
    const escalated = await client.callTool({ name: "delete", arguments: { path: "/x" } });
    const refusal = refusalOf(escalated);
    expect(refusal).toMatchObject({ decision: "escalate", reason: "tool_not_in_allowlist" });
    const id = refusal?.escalationId as string;
    expect(id).toMatch(/^esc_/);
    expect(runs).toEqual(["read /a"]);

    const vote = await fetch(`${baseUrl}/api/escalations/${id}`, {
      method: "PUT",
      headers: { authorization: `Bearer ${approver}`, "content-type": "application/json" },
      body: JSON.stringify({ action: "approve", notes: "one-off cleanup" }),
    });
    expect(vote.status).toBe(200);
    const read = await fetch(`${baseUrl}/api/escalations/${id}`, {
      headers: { authorization: `Bearer ${requester}` },
    });
    const { escalation } = (await read.json()) as { escalation: { status: string; approval_token?: string } };
    expect(escalation.status).toBe("approved");
    const token = escalation.approval_token as string;
    expect(token).toBeTypeOf("string");

    // The token approves this call only: other arguments are refused, and it is used once.
    const other = await client.callTool({ name: "delete", arguments: { path: "/y", approval_token: token } });
    expect(refusalOf(other)).toBeDefined();
    expect(runs).toEqual(["read /a"]);
    await client.callTool({ name: "delete", arguments: { path: "/x", approval_token: token } });
    expect(runs).toEqual(["read /a", "delete /x"]);
    const replay = await client.callTool({
      name: "delete",
      arguments: { path: "/x", approval_token: token },
    });
    expect(refusalOf(replay)).toBeDefined();
    expect(runs).toEqual(["read /a", "delete /x"]);
    await client.close();
  });
});
