import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { checkFileAgainstWitness, Sec0Appender, signLine } from "@sec0/audit";
import { createFixedClock, createSeededKeyPair, freePort } from "@sec0/testkit";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { forEachStorage, type OpenedDatabase } from "../__fixtures__/databases.js";
import { bearer, keyFor, TEST_SIGNER } from "../__fixtures__/test-app.js";
import { createControlPlane } from "../app.js";
import { DAY, envelope, tempDir, writeDayFile } from "./__fixtures__/audit-files.js";
import { createFilesystemObjectStore, type ObjectStore } from "./object-store.js";

const CLIENT = createSeededKeyPair("audit-client");
const STRANGER = createSeededKeyPair("audit-stranger");
const logKey = (client: string) =>
  `tenants/acme/prod/clients/${client}/1.0.0/ingest/${DAY}/audit-${DAY}.ndjson`;

forEachStorage("audit evidence routes", (storage) => {
  let opened: OpenedDatabase;
  let app: FastifyInstance;
  let base: string;
  let store: ObjectStore;
  let admin: string;
  let ingest: string;
  let other: string;
  let lines: string[];
  let uploads = 0;
  beforeAll(async () => {
    opened = await storage.open();
    const objects = await tempDir("objects");
    store = createFilesystemObjectStore(objects);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    app = createControlPlane({ db: opened.db, signer: TEST_SIGNER, publicUrl: base, objectsDir: objects });
    await app.listen({ port, host: "127.0.0.1" });
    admin = await keyFor(opened, "acme", ["admin"]);
    ingest = await keyFor(opened, "acme", ["audit:ingest"]);
    other = await keyFor(opened, "globex", ["audit:ingest", "admin"]);
    const registered = await app.inject({
      method: "PUT",
      url: "/api/audit/keys",
      headers: bearer(admin),
      payload: { key_id: CLIENT.keyId, public_key: Buffer.from(CLIENT.publicKey).toString("base64") },
    });
    expect(registered.statusCode).toBe(200);
    lines = await writeDayFile(CLIENT.signer, 10);
  });
  afterAll(async () => {
    await app.close();
    await opened.close();
  });

  const uploadUrl = async (client: string, key = ingest, tenant = "acme") => {
    uploads += 1;
    return app.inject({
      method: "POST",
      url: "/api/sec0/upload-url",
      headers: bearer(key),
      payload: {
        key: `tenants/${tenant}/prod/clients/${client}/1.0.0/ingest/${DAY}/audit-${DAY}-stamp-${uploads}.ndjson`,
        tenant,
        env: "prod",
        contentType: "application/x-ndjson",
        clientName: client,
        clientVersion: "1.0.0",
      },
    });
  };
  const putTo = (url: string, payload: string | Buffer) =>
    app.inject({
      method: "PUT",
      url: new URL(url).pathname,
      headers: { "content-type": "application/x-ndjson" },
      payload,
    });
  const upload = async (client: string, payload: string | Buffer) => {
    const issued = await uploadUrl(client);
    expect(issued.statusCode).toBe(200);
    return putTo(issued.json().url as string, payload);
  };
  const text = (ls: readonly string[]) => `${ls.join("\n")}\n`;
  const stored = async (client: string) => (await store.get(logKey(client)))?.toString("utf8") ?? "";

  it("lists the registered key; a non-admin cannot register one", async () => {
    const listed = await app.inject({ url: "/api/audit/keys", headers: bearer(ingest) });
    expect(listed.json().keys).toEqual([expect.objectContaining({ key_id: CLIENT.keyId })]);
    const denied = await app.inject({
      method: "PUT",
      url: "/api/audit/keys",
      headers: bearer(ingest),
      payload: { key_id: STRANGER.keyId, public_key: Buffer.from(STRANGER.publicKey).toString("base64") },
    });
    expect(denied.json().code).toBe("CP_SCOPE_MISSING");
  });

  it("takes a day file and its second delta from the real Sec0Appender; stored bytes equal the file", async () => {
    const dir = await tempDir("appender");
    const appender = new Sec0Appender({
      config: {
        dir,
        checkpointEvery: 4,
        presign: {
          apiBaseUrl: base,
          auditKey: `Bearer ${ingest}`,
          tenant: "acme",
          environment: "prod",
          clientName: "app",
          clientVersion: "1.0.0",
          retryDelayMs: 0,
          maxAttempts: 1,
        },
      },
      signer: CLIENT.signer,
      clock: createFixedClock(Date.UTC(2026, 0, 1, 12)),
    });
    for (let i = 1; i <= 3; i += 1) await appender.append(envelope(i));
    await appender.flush();
    const local1 = await readFile(join(dir, `audit-${DAY}.ndjson`), "utf8");
    expect(await stored("app")).toBe(local1);
    for (let i = 4; i <= 7; i += 1) await appender.append(envelope(i));
    await appender.flush();
    const local2 = await readFile(join(dir, `audit-${DAY}.ndjson`), "utf8");
    expect(local2).toContain('"sec0.checkpoint"');
    expect(local2.length).toBeGreaterThan(local1.length);
    expect(await stored("app")).toBe(local2);
    await appender.close();
    const records = await app.inject({ url: "/api/audit/records?node_id=planner", headers: bearer(ingest) });
    expect(records.statusCode).toBe(200);
    const rows = records.json().records as { node_id: string; ts: string; decision: string }[];
    expect(rows.map((r) => r.ts)).toEqual([6, 4, 2].map((i) => envelope(i).ts));
    const denies = await app.inject({
      url: "/api/audit/records?decision=deny&run=run-1",
      headers: bearer(admin),
    });
    expect(denies.json().records).toHaveLength(1);
  });

  it("refuses a tampered range (one byte edited) and stores nothing", async () => {
    expect((await upload("manual", text(lines.slice(0, 2)))).statusCode).toBe(200);
    const tampered = [lines[2] as string, lines[3] as string];
    tampered[0] = tampered[0].replace('"allow"', '"allpw"').replace('"deny"', '"denx"');
    const reply = await upload("manual", text(tampered));
    expect(reply.statusCode).toBe(400);
    expect(reply.json()).toMatchObject({
      code: "CP_AUDIT_INVALID",
      details: { problem: { line: 1, code: "signature_invalid" } },
    });
    expect(await stored("manual")).toBe(text(lines.slice(0, 2)));
  });

  it("refuses a range that skips lines (a chain gap)", async () => {
    const reply = await upload("manual", text(lines.slice(3, 5)));
    expect(reply.statusCode).toBe(400);
    expect(["chain_broken", "seq_gap"]).toContain(reply.json().details.problem.code);
    expect(await stored("manual")).toBe(text(lines.slice(0, 2)));
  });

  it("refuses a trailing partial line, storing nothing", async () => {
    const reply = await upload("manual", `${text(lines.slice(2, 3))}${(lines[3] as string).slice(0, 20)}`);
    expect(reply.json()).toMatchObject({
      code: "CP_AUDIT_INVALID",
      details: { problem: { code: "truncated" } },
    });
    expect(await stored("manual")).toBe(text(lines.slice(0, 2)));
  });

  it("continues the chain across uploads, checkpoints included, and accepts a repeated range once", async () => {
    const reply = await upload("manual", text(lines.slice(2, 6)));
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toMatchObject({ lines: 4, duplicate: false });
    const again = await upload("manual", text(lines.slice(2, 6)));
    expect(again.json()).toMatchObject({ duplicate: true });
    expect(await stored("manual")).toBe(text(lines.slice(0, 6)));
  });

  it("refuses a replayed upload token with 401 and stores nothing", async () => {
    const issued = await uploadUrl("manual");
    const url = issued.json().url as string;
    expect(url.startsWith(`${base}/api/uploads/`)).toBe(true);
    expect((await putTo(url, text(lines.slice(6, 7)))).statusCode).toBe(200);
    const replay = await putTo(url, text(lines.slice(7, 8)));
    expect(replay.statusCode).toBe(401);
    expect(replay.json().code).toBe("CP_UPLOAD_TOKEN_INVALID");
    expect(await stored("manual")).toBe(text(lines.slice(0, 7)));
  });

  it("refuses lines of an unregistered audit key with 400", async () => {
    const foreign = await writeDayFile(STRANGER.signer, 2);
    const reply = await upload("stranger", text(foreign));
    expect(reply.statusCode).toBe(400);
    expect(reply.json()).toMatchObject({ code: "CP_AUDIT_KEY_UNKNOWN", details: { key_id: STRANGER.keyId } });
    expect(await stored("stranger")).toBe("");
  });

  it("answers 413 for an oversized body", async () => {
    const reply = await upload("manual", Buffer.alloc(1024 * 1024 + 1, 0x61));
    expect(reply.statusCode).toBe(413);
    expect(reply.json().code).toBe("CP_BODY_TOO_LARGE");
  });

  it("keeps tenants apart: another tenant's key sees no records and cannot upload for acme", async () => {
    const records = await app.inject({ url: "/api/audit/records", headers: bearer(other) });
    expect(records.json().records).toEqual([]);
    const mine = await app.inject({ url: "/api/audit/records?limit=500", headers: bearer(ingest) });
    expect(mine.json().records.length).toBeGreaterThan(0);
    expect((await uploadUrl("app", other, "acme")).json().code).toBe("CP_TENANT_MISMATCH");
    const heads = await app.inject({
      url: `/api/audit/checkpoints?log=${logKey("manual")}`,
      headers: bearer(other),
    });
    expect(heads.statusCode).toBe(400);
  });

  it("witnesses checkpoints and detects a cut tail and a rewritten history", async () => {
    const checkpoints = lines.filter((line) => line.includes('"sec0.checkpoint"'));
    for (const line of checkpoints) {
      const reply = await app.inject({
        method: "POST",
        url: "/api/audit/checkpoints",
        headers: bearer(ingest),
        payload: { object_key: logKey("manual"), line },
      });
      expect(reply.statusCode).toBe(201);
    }
    const served = await app.inject({
      url: `/api/audit/checkpoints?log=${logKey("manual")}`,
      headers: bearer(ingest),
    });
    const heads = served.json().heads as { line: string; verified: boolean; tree_size: number }[];
    expect(heads.map((h) => h.line)).toEqual(checkpoints);
    expect(heads[0]?.verified).toBe(true);
    expect(heads.at(-1)?.verified).toBe(false); // its lines are not uploaded yet
    expect(checkFileAgainstWitness(text(lines), heads).status).toBe("consistent");
    const cut = checkFileAgainstWitness(text(lines.slice(0, 5)), heads);
    expect(cut.mismatches.map((m) => m.code)).toContain("cut_tail");
    const edited = [...lines];
    edited[0] = (edited[0] as string).replace("planner", "plannex").replace("writer", "writex");
    expect(checkFileAgainstWitness(text(edited), heads).mismatches.map((m) => m.code)).toContain("rewritten");
  });

  it("refuses a signed head the stored lines contradict (409), and one with a bad signature", async () => {
    const { sig: _sig, ...checkpoint } = JSON.parse(
      lines.find((l) => l.includes('"sec0.checkpoint"')) as string,
    ) as Record<string, unknown>;
    const witness = (line: string) =>
      app.inject({
        method: "POST",
        url: "/api/audit/checkpoints",
        headers: bearer(ingest),
        payload: { log: logKey("manual"), line },
      });
    const forged = `${JSON.stringify({ ...checkpoint, root_hash: "ab".repeat(32), sig: _sig })}`;
    const unsigned = await witness(forged);
    expect(unsigned.statusCode).toBe(400);
    expect(unsigned.json().code).toBe("CP_AUDIT_INVALID");
    const fork = await witness(
      signLine({ ...checkpoint, root_hash: "ab".repeat(32) }, CLIENT.signer).replace(/\n$/, ""),
    );
    expect(fork.statusCode).toBe(409);
    expect(fork.json().code).toBe("CP_AUDIT_WITNESS_CONFLICT");
  });

  it("accepts the rest of the file, confirming the witnessed head that was ahead of the lines", async () => {
    const reply = await upload("manual", text(lines.slice(7)));
    expect(reply.statusCode).toBe(200);
    expect(await stored("manual")).toBe(text(lines));
    const served = await app.inject({
      url: `/api/audit/checkpoints?log=${logKey("manual")}`,
      headers: bearer(ingest),
    });
    expect((served.json().heads as { verified: boolean }[]).every((h) => h.verified)).toBe(true);
  });
});
