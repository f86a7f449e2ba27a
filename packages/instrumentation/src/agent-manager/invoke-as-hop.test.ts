// Every manager.invoke is a hop of its own: one signed record per invoke, whose parent is the
// calling hop, for a local handler and for a gateway hop (a stand-in gateway on 127.0.0.1).
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { verifyAuditFile } from "@sec0/audit";
import { generateKeyFile, SAFE_KEY_DIRS_ENV } from "@sec0/signer";
import { replyJson, startTestServer, type TestServer } from "@sec0/testkit";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { initializeSec0App, resetSec0AppForTests, resolveHop } from "../config/index.js";
import { closeHopAudit, flushHopAudit, runHop } from "../hop/index.js";
import type { AppProfile } from "../hop-types.js";
import { AgentManager, registerLocalHopHandler } from "./index.js";

const GATEWAY_HOP = { "x-trace-id": "0af7651916cd43dd8448eb211c80319c", "x-span-id": "b7ad6b7169203331" };
type AuditLine = Record<string, unknown> & { hop_key: string; span_id: string; trace_id: string };

let server: TestServer;
let profile: AppProfile;
let publicKey: string;
const cleanups: Array<() => void> = [];

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

beforeEach(() => {
  const cwd = mkdtempSync(join(tmpdir(), "sec0-invoke-audit-"));
  const keysDir = join(cwd, ".sec0", "keys");
  publicKey = generateKeyFile(join(keysDir, "ed25519.key")).publicKey;
  profile = initializeSec0App(
    {
      app: {
        tenant: "demo",
        environment: "dev",
        client: { name: "app", version: "1.0.0" },
        hops: {
          "Workflow.orchestrate": { type: "orchestrator", nodeId: "workflow-orch" },
          "Edge.call": { type: "gateway", nodeId: "edge", gateway: "edge", gatewayBaseUrl: server.baseUrl },
        },
      },
      auth: { svcToken: "svc-1" },
      controlPlane: { sec0Dir: ".sec0", localSignerPath: ".sec0/keys/ed25519.key" },
    },
    { cwd, env: { [SAFE_KEY_DIRS_ENV]: keysDir } },
  );
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  await closeHopAudit();
  resetSec0AppForTests();
});

/**
 * Runs `body` as the orchestrator hop Workflow.orchestrate with a manager that records its invokes.
 * runHop does not hand itself to the managers it makes yet, so the manager is built here as
 * runHop would: from the hop's own frame, with runHop as the runner.
 */
function asCaller<T>(body: (manager: AgentManager) => Promise<T>): Promise<T> {
  const hop = resolveHop("Workflow.orchestrate", "orchestrator");
  return runHop(
    hop,
    {
      self: undefined,
      args: [{}],
      kind: "async",
      invoke: (all) => body(new AgentManager((all.at(-1) as AgentManager).frame, { profile, runHop })),
    },
    { profile },
  );
}

/** The signed records of the app's audit directory, after checking that the file verifies. */
async function signedRecords(): Promise<AuditLine[]> {
  await flushHopAudit();
  const files = readdirSync(profile.auditDir).filter((name) => name.endsWith(".ndjson"));
  expect(files).toHaveLength(1);
  const file = join(profile.auditDir, files[0] as string);
  const report = await verifyAuditFile(file, { publicKey });
  expect(report.status).toBe("valid");
  const lines = readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.length > 0);
  return lines.map((line) => JSON.parse(line) as AuditLine);
}

function byHop(records: readonly AuditLine[], key: string): AuditLine[] {
  return records.filter((record) => record.hop_key === key);
}

describe("manager.invoke writes a record of its own", () => {
  it("for a local handler without a hop config: a tool hop under the calling hop", async () => {
    cleanups.push(registerLocalHopHandler("Unlisted.run", async (params) => ({ echoed: params })));
    await expect(asCaller((manager) => manager.invoke("Unlisted.run", { x: 1 }))).resolves.toEqual({
      echoed: { x: 1 },
    });
    const records = await signedRecords();
    expect(records).toHaveLength(2);
    const [caller] = byHop(records, "Workflow.orchestrate");
    const invoked = byHop(records, "Unlisted.run");
    expect(invoked).toHaveLength(1);
    expect(invoked[0]).toMatchObject({
      node_type: "tool",
      server: "local",
      tool: "Unlisted.run",
      nodeId: "unlisted-run",
      status: "ok",
      trace_id: caller?.trace_id,
      parent_span_id: caller?.span_id,
      agentRef: caller?.agentRef,
    });
    expect(invoked[0]?.span_id).not.toBe(caller?.span_id);
  });

  it("for a gateway hop: the gateway's cause is the invoke's own hop", async () => {
    server.handle((_request, response) => replyJson(response, 200, { ok: true }, GATEWAY_HOP));
    const result = await asCaller((manager) =>
      manager.invoke("Edge.call", { server: "files", tool: "write@1.0", args: { path: "/tmp/a" } }),
    );
    expect(result).toEqual({
      ok: true,
      traceId: GATEWAY_HOP["x-trace-id"],
      spanId: GATEWAY_HOP["x-span-id"],
    });
    const records = await signedRecords();
    const [caller] = byHop(records, "Workflow.orchestrate");
    const invoked = byHop(records, "Edge.call");
    expect(invoked).toHaveLength(1);
    expect(invoked[0]).toMatchObject({
      node_type: "gateway",
      gateway: "edge",
      status: "ok",
      trace_id: caller?.trace_id,
      parent_span_id: caller?.span_id,
    });
    const headers = server.requests.at(-1)?.headers ?? {};
    expect(headers["x-cause-trace"]).toBe(caller?.trace_id);
    expect(headers["x-cause-span"]).toBe(invoked[0]?.span_id);
    expect(headers.traceparent).toBe(`00-${caller?.trace_id}-${invoked[0]?.span_id}-01`);
    // The agent state, run and idempotency key stay the caller's.
    expect(headers["x-node-id"]).toBe("workflow-orch");
    expect(headers["x-idempotency-key"]).toMatch(
      new RegExp(`^${String(caller?.agentRef)}:workflow-orch:write@1\\.0:[0-9a-f]{16}$`),
    );
  });

  it("records an error and rethrows it unchanged", async () => {
    const boom = new Error("boom");
    cleanups.push(
      registerLocalHopHandler("Unlisted.run", async () => {
        throw boom;
      }),
    );
    await expect(asCaller((manager) => manager.invoke("Unlisted.run", {}))).rejects.toBe(boom);
    server.handle((_request, response) =>
      replyJson(response, 403, { error: "TOOL_NOT_ALLOWED" }, GATEWAY_HOP),
    );
    await expect(
      asCaller((manager) => manager.invoke("Edge.call", { server: "files", tool: "write@1.0" })),
    ).rejects.toMatchObject({
      code: "MIDDLEWARE_GATEWAY_ERROR",
      details: { status: 403, code: "TOOL_NOT_ALLOWED" },
    });
    const records = await signedRecords();
    expect(byHop(records, "Unlisted.run").map((record) => record.status)).toEqual(["error"]);
    expect(byHop(records, "Edge.call").map((record) => record.status)).toEqual(["error"]);
    expect(byHop(records, "Workflow.orchestrate").map((record) => record.status)).toEqual(["error", "error"]);
  });

  it("writes no record for an unknown hop, and none twice for a hop invoking its own key", async () => {
    await expect(asCaller((manager) => manager.invoke("Nobody.run", {}))).rejects.toMatchObject({
      code: "INSTRUMENTATION_HOP_UNKNOWN",
    });
    server.handle((_request, response) => replyJson(response, 200, { ok: true }, GATEWAY_HOP));
    const edge = resolveHop("Edge.call", "gateway");
    await runHop(
      edge,
      {
        self: undefined,
        args: [{}],
        kind: "async",
        invoke: (all) =>
          new AgentManager((all.at(-1) as AgentManager).frame, { profile, runHop }).invoke("Edge.call", {
            server: "files",
            tool: "write@1.0",
          }),
      },
      { profile },
    );
    const records = await signedRecords();
    expect(records.map((record) => record.hop_key)).toEqual(["Workflow.orchestrate", "Edge.call"]);
    expect(server.requests.at(-1)?.headers["x-cause-span"]).toBe(records[1]?.span_id);
  });
});
