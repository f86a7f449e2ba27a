import {
  AuditCustodyGraphResponseSchema,
  AuditLogsResponseSchema,
  AuditRecordsResponseSchema,
  StoredLogVerdictSchema,
} from "@sec0/core/contracts";
import { createSeededKeyPair } from "@sec0/testkit";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { ZodType } from "zod";
import { forEachStorage, type OpenedDatabase } from "../__fixtures__/databases.js";
import { bearer, keyFor, TEST_SIGNER } from "../__fixtures__/test-app.js";
import { createControlPlane } from "../app.js";
import { DAY, envelope, tempDir, writeDayFile } from "./__fixtures__/audit-files.js";
import { cutStoredLines, editStoredLine } from "./__fixtures__/tamper-at-rest.js";

const CONTRACTS: Readonly<Record<string, ZodType>> = {
  "/api/audit/records": AuditRecordsResponseSchema,
  "/api/audit/logs": AuditLogsResponseSchema,
  "/api/audit/logs/verify": StoredLogVerdictSchema,
  "/api/audit/graph": AuditCustodyGraphResponseSchema,
};

const CLIENT = createSeededKeyPair("audit-read-client");
const logKey = (client: string, tenant = "acme") =>
  `tenants/${tenant}/prod/clients/${client}/1.0.0/ingest/${DAY}/audit-${DAY}.ndjson`;
const text = (ls: readonly string[]) => `${ls.join("\n")}\n`;
const isRecord = (line: string) => !line.includes('"type":"sec0.');

/** A run of three hops in one trace: a root, its child, and one naming a parent that is absent. */
const hop = (i: number): Record<string, unknown> => ({
  ...envelope(i),
  agentRef: "run-g",
  trace_id: "ab".repeat(16),
  span_id: `span-${i}`,
  ...(i === 2 ? { parent_span_id: "span-1", layer: "gateway" } : {}),
  ...(i === 3 ? { parent_span_id: "span-gone" } : {}),
});

forEachStorage("audit evidence read routes", (storage) => {
  let opened: OpenedDatabase;
  let app: FastifyInstance;
  let objects: string;
  let admin: string;
  let ingest: string;
  let reader: string;
  let policyOnly: string;
  let otherAdmin: string;
  let plain: string[];
  let hops: string[];
  let uploads = 0;

  const upload = async (client: string, lines: readonly string[]) => {
    uploads += 1;
    const issued = await app.inject({
      method: "POST",
      url: "/api/sec0/upload-url",
      headers: bearer(ingest),
      payload: {
        key: `tenants/acme/prod/clients/${client}/1.0.0/ingest/${DAY}/audit-${DAY}-stamp-${uploads}.ndjson`,
        tenant: "acme",
        env: "prod",
        contentType: "application/x-ndjson",
        clientName: client,
        clientVersion: "1.0.0",
      },
    });
    const put = await app.inject({
      method: "PUT",
      url: new URL(issued.json().url as string).pathname,
      headers: { "content-type": "application/x-ndjson" },
      payload: text(lines),
    });
    expect(put.statusCode).toBe(200);
  };
  // Every 200 reply of a JSON route is held to its wire contract in @sec0/core/contracts.
  const get = async (url: string, key = reader) => {
    const reply = await app.inject({ url, headers: bearer(key) });
    const contract = CONTRACTS[new URL(url, "http://x").pathname];
    if (reply.statusCode === 200 && contract !== undefined) contract.parse(reply.json());
    return reply;
  };
  const verify = async (client: string, key = reader) =>
    get(`/api/audit/logs/verify?object_key=${encodeURIComponent(logKey(client))}`, key);

  beforeAll(async () => {
    opened = await storage.open();
    objects = await tempDir("read-objects");
    app = createControlPlane({
      db: opened.db,
      signer: TEST_SIGNER,
      publicUrl: "http://127.0.0.1:1",
      objectsDir: objects,
    });
    admin = await keyFor(opened, "acme", ["admin"]);
    ingest = await keyFor(opened, "acme", ["audit:ingest"]);
    reader = await keyFor(opened, "acme", ["audit:read"]);
    policyOnly = await keyFor(opened, "acme", ["policy:read"]);
    otherAdmin = await keyFor(opened, "globex", ["admin"]);
    const registered = await app.inject({
      method: "PUT",
      url: "/api/audit/keys",
      headers: bearer(admin),
      payload: { key_id: CLIENT.keyId, public_key: Buffer.from(CLIENT.publicKey).toString("base64") },
    });
    expect(registered.statusCode).toBe(200);
    plain = await writeDayFile(CLIENT.signer, 6);
    hops = await writeDayFile(CLIENT.signer, 3, hop);
    await upload("plain", plain.slice(0, 3));
    await upload("plain", plain.slice(3));
    await upload("tampered", plain);
    await upload("cut", plain);
    await upload("hops", hops);
    const checkpoint = plain.find((line) => !isRecord(line)) as string;
    const witnessed = await app.inject({
      method: "POST",
      url: "/api/audit/checkpoints",
      headers: bearer(ingest),
      payload: { object_key: logKey("plain"), line: checkpoint },
    });
    expect(witnessed.statusCode).toBe(201);
  });
  afterAll(async () => {
    await app.close();
    await opened.close();
  });

  it("exports the stored record lines byte for byte, oldest first, as an attachment", async () => {
    const reply = await get("/api/audit/records/export?run=run-1");
    expect(reply.statusCode).toBe(200);
    expect(reply.headers["content-type"]).toContain("application/x-ndjson");
    expect(reply.headers["content-disposition"]).toBe('attachment; filename="sec0-audit-acme.ndjson"');
    // Three logs (cut, plain, tampered: key order within one ts) hold the lines of `plain`.
    expect(reply.body).toBe(text(plain.filter(isRecord).flatMap((line) => [line, line, line])));
    const one = await get("/api/audit/records/export?run=run-g&limit=2");
    expect(one.body).toBe(text(hops.filter(isRecord).slice(0, 2)));
  });

  it("bounds the export and refuses an unknown filter", async () => {
    expect((await get("/api/audit/records/export?limit=10001")).json().code).toBe("CP_REQUEST_INVALID");
    expect((await get("/api/audit/records/export?limit=10000")).statusCode).toBe(200);
  });

  it("lists the tenant's day logs with their lines and bytes", async () => {
    const reply = await get("/api/audit/logs");
    expect(reply.statusCode).toBe(200);
    const logs = reply.json().logs as { object_key: string; day: string; lines: number; bytes: number }[];
    expect(logs.map((log) => log.object_key)).toEqual(
      ["cut", "hops", "plain", "tampered"].map((client) => logKey(client)),
    );
    expect(logs[2]).toMatchObject({ day: DAY, lines: plain.length, bytes: Buffer.byteLength(text(plain)) });
    expect(Number.isNaN(Date.parse((logs[2] as { updated_at: string }).updated_at))).toBe(false);
    expect((await get("/api/audit/logs", otherAdmin)).json().logs).toEqual([]);
  });

  it("verifies an untouched log as valid, witness included", async () => {
    const reply = await verify("plain");
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toEqual({
      object_key: logKey("plain"),
      status: "valid",
      lines: plain.length,
      first_bad_line: null,
      reason: null,
      checks: { signatures: "ok", chain: "ok", checkpoints: "ok", witness: "ok" },
    });
  });

  it("finds one byte edited at rest in line 3", async () => {
    expect((await verify("tampered")).json().status).toBe("valid");
    await editStoredLine(objects, logKey("tampered"), 3, (line) => line.replace("read_file", "reae_file"));
    const reply = await verify("tampered");
    expect(reply.json()).toMatchObject({
      status: "invalid",
      lines: plain.length,
      first_bad_line: 3,
      reason: expect.stringContaining("signature_invalid"),
      checks: { signatures: "failed", chain: "ok", witness: "none" },
    });
  });

  it("finds lines cut off the end at rest", async () => {
    await cutStoredLines(objects, logKey("cut"), 2);
    expect((await verify("cut")).json()).toMatchObject({
      status: "invalid",
      lines: plain.length - 2,
      first_bad_line: plain.length - 1,
      reason: expect.stringContaining("truncated"),
      checks: { chain: "failed" },
    });
  });

  it("answers 404 for another tenant's log and for a key that is no log", async () => {
    const reply = await verify("plain", otherAdmin);
    expect(reply.statusCode).toBe(404);
    expect(reply.json().code).toBe("CP_NOT_FOUND");
    expect((await get("/api/audit/logs/verify?object_key=tenants/acme/nothing.ndjson")).statusCode).toBe(404);
  });

  it("builds the custody graph of a run: a parent/child pair and an orphan", async () => {
    const reply = await get("/api/audit/graph?run=run-g");
    expect(reply.statusCode).toBe(200);
    const trees = reply.json().trees as { trace_ids: string[]; root: Record<string, unknown> }[];
    expect(trees).toHaveLength(2);
    expect(trees[0]).toEqual({
      trace_ids: ["ab".repeat(16)],
      root: {
        record: {
          object_key: logKey("hops"),
          line: 1,
          ts: envelope(1).ts,
          node_id: "writer",
          tool_ref: "files read_file@1.0",
          decision: "allow",
          span_id: "span-1",
          parent_span_id: null,
          cause_span_id: null,
          trace_id: "ab".repeat(16),
          layer: null,
        },
        via: "root",
        orphan: null,
        children: [
          {
            record: expect.objectContaining({
              line: 2,
              span_id: "span-2",
              parent_span_id: "span-1",
              layer: "gateway",
            }),
            via: "parent",
            orphan: null,
            children: [],
          },
        ],
      },
    });
    expect(trees[1]?.root).toMatchObject({ orphan: "parent_not_found", record: { span_id: "span-3" } });
    const byTrace = await get(`/api/audit/graph?trace_id=${"ab".repeat(16)}`);
    expect(byTrace.json()).toEqual(reply.json());
    expect((await get("/api/audit/graph")).json().code).toBe("CP_REQUEST_INVALID");
    expect((await get("/api/audit/graph?run=run-g", otherAdmin)).json().trees).toEqual([]);
  });

  it("needs audit:read (or admin); audit:ingest still reads records only", async () => {
    const urls = [
      "/api/audit/records",
      "/api/audit/records/export",
      "/api/audit/logs",
      `/api/audit/logs/verify?object_key=${encodeURIComponent(logKey("plain"))}`,
      "/api/audit/graph?run=run-g",
    ];
    for (const url of urls) {
      const denied = await get(url, policyOnly);
      expect(denied.statusCode, url).toBe(403);
      expect(denied.json()).toMatchObject({ code: "CP_SCOPE_MISSING", details: { scope: "audit:read" } });
      expect((await get(url, admin)).statusCode, url).toBe(200);
      expect((await get(url, reader)).statusCode, url).toBe(200);
    }
    const records = await get("/api/audit/records?run=run-g", ingest);
    expect(records.statusCode).toBe(200);
    expect(records.json().records).toHaveLength(3);
    for (const url of urls.slice(1)) expect((await get(url, ingest)).statusCode, url).toBe(403);
  });
});
