// The control plane (PGlite, its bundled console build) with tenant acme, one key per console
// role, a middleware policy that escalates, and an official-SDK tool server wrapped by the hosted
// middleware that fetches that policy: what the console tests drive through a real browser.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { bootstrapTenant, createControlPlane, migrate, openPglite } from "@sec0/control-plane-app";
import { sec0HostedMiddleware } from "@sec0/middleware";
import { LocalDevSigner } from "@sec0/signer";
import { freePort } from "@sec0/testkit";
import { z } from "zod";

/** The policy the stack starts with (version 1). */
export const BASE_POLICY = `tenant: acme
tools:
  allowlist: ["mcp://files/read@1.0"]
enforcement:
  deny_on: [tool_not_in_allowlist]
  escalate_on: [tool_not_in_allowlist]
`;

/** The console roles a key is made for. */
export type ConsoleRole = "admin" | "policy_editor" | "approver" | "auditor" | "read_only";

export interface ConsoleStack {
  readonly baseUrl: string;
  readonly objectsDir: string;
  /** The audit directory of the hosted middleware (its day files). */
  readonly auditDir: string;
  readonly auditSigner: LocalDevSigner;
  readonly keys: Readonly<Record<ConsoleRole | "agent" | "ingest", string>>;
  /** The MCP client of the agent, talking to the governed tool server. */
  readonly client: Client;
  /** The tool calls that ran, as `"<tool> <path>"`. */
  readonly runs: string[];
  api(path: string, key: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

export async function startConsoleStack(): Promise<ConsoleStack> {
  const root = await mkdtemp(join(tmpdir(), "sec0-e2e-console-"));
  const objectsDir = join(root, "objects");
  const auditDir = join(root, "audit");
  const db = await openPglite(undefined);
  await migrate(db);
  const admin = await bootstrapTenant(db, { tenantId: "acme", name: "Acme" });
  // The upload URLs the control plane answers name its public URL: the port is chosen first.
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const app = createControlPlane({
    db,
    signer: LocalDevSigner.fromSeed(new Uint8Array(32).fill(3)),
    objectsDir,
    publicUrl: baseUrl,
  });
  await app.listen({ port, host: "127.0.0.1" });
  const api = (path: string, key: string, init: RequestInit = {}) =>
    fetch(`${baseUrl}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${key}`, ...(init.headers as Record<string, string> | undefined) },
    });
  const makeKey = async (body: Record<string, unknown>): Promise<string> => {
    const reply = await api("/api/keys", admin, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (reply.status !== 201)
      throw new Error(`POST /api/keys ${JSON.stringify(body)}: ${reply.status} ${await reply.text()}`);
    return ((await reply.json()) as { key: string }).key;
  };
  const keys = {
    admin,
    policy_editor: await makeKey({ label: "pat (policy editor)", role: "policy_editor", userId: "pat" }),
    approver: await makeKey({ label: "dana (approver)", role: "approver", userId: "dana" }),
    auditor: await makeKey({ label: "ari (auditor)", role: "auditor", userId: "ari" }),
    read_only: await makeKey({ label: "rio (read-only)", role: "read_only", userId: "rio" }),
    agent: await makeKey({ label: "agent", scopes: ["policy:read", "escalation:create"] }),
    ingest: await makeKey({ label: "uploader", scopes: ["audit:ingest"] }),
  };
  const put = await api("/api/policy/acme?level=middleware", admin, {
    method: "PUT",
    headers: { "content-type": "text/yaml" },
    body: BASE_POLICY,
  });
  if (put.status !== 201) throw new Error(`publishing the base policy: ${put.status} ${await put.text()}`);

  const auditSigner = LocalDevSigner.fromSeed(new Uint8Array(32).fill(5));
  const runs: string[] = [];
  const server = new McpServer({ name: "files", version: "1.0.0" });
  for (const name of ["read", "delete"]) {
    server.registerTool(
      name,
      {
        description: `${name} a file`,
        inputSchema: { path: z.string(), owner: z.string().optional() },
        _meta: { version: "1.0" },
      },
      async ({ path }) => {
        runs.push(`${name} ${path}`);
        return { content: [{ type: "text", text: `${name}: ${path}` }] };
      },
    );
  }
  sec0HostedMiddleware({
    policy: { source: "control-plane", tenant: "acme", level: "middleware" },
    controlPlaneUrl: baseUrl,
    auth: { apiKey: keys.agent },
    signer: auditSigner,
    sec0: { dir: auditDir },
    telemetry: { enabled: false },
  })(server);
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name: "agent", version: "1.0.0" });
  await client.connect(clientSide);

  return {
    baseUrl,
    objectsDir,
    auditDir,
    auditSigner,
    keys,
    client,
    runs,
    api,
    async close() {
      await client.close().catch(() => undefined);
      await app.close();
      await db.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}
