// `sec0 audit verify --witness` against this control plane: a day file cut after a checkpoint, or
// rewritten and re-signed with the same key, verifies on its own, and the witness catches both.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Sec0Appender } from "@sec0/audit";
import { type CliIo, runCli } from "@sec0/cli";
import { createFixedClock, createSeededKeyPair } from "@sec0/testkit";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { forEachStorage, type OpenedDatabase } from "../__fixtures__/databases.js";
import { bearer, keyFor, TEST_SIGNER } from "../__fixtures__/test-app.js";
import { createControlPlane } from "../app.js";
import { DAY, envelope, tempDir } from "./__fixtures__/audit-files.js";

const CLIENT = createSeededKeyPair("witness-cli");
const LOG = `tenants/acme/prod/clients/sec0/1.0.0/ingest/${DAY}/audit-${DAY}.ndjson`;

async function writeLog(dir: string, count: number): Promise<string[]> {
  const appender = new Sec0Appender({
    config: { dir, checkpointEvery: 4 },
    signer: CLIENT.signer,
    clock: createFixedClock(Date.UTC(2026, 0, 1, 12)),
  });
  for (let i = 1; i <= count; i += 1) await appender.append(envelope(i));
  await appender.close();
  return (await readFile(join(dir, `audit-${DAY}.ndjson`), "utf8")).split("\n").slice(0, -1);
}

async function verify(dir: string, witness: string | undefined, apiKey: string) {
  let out = "";
  const io: CliIo = {
    cwd: dir,
    env: { SEC0_API_KEY: apiKey },
    stdout: (text) => {
      out += text;
    },
    stderr: (text) => {
      out += text;
    },
  };
  const args = ["audit", "verify", dir, "--public-key", Buffer.from(CLIENT.publicKey).toString("base64")];
  const code = await runCli(witness === undefined ? args : [...args, "--witness", witness], io);
  return { code, out };
}

forEachStorage("sec0 audit verify --witness", (storage) => {
  let opened: OpenedDatabase;
  let app: FastifyInstance;
  let base: string;
  let ingest: string;
  let lines: string[];
  beforeAll(async () => {
    opened = await storage.open();
    app = createControlPlane({ db: opened.db, signer: TEST_SIGNER, objectsDir: await tempDir("objects") });
    base = await app.listen({ port: 0, host: "127.0.0.1" });
    const admin = await keyFor(opened, "acme", ["admin"]);
    ingest = await keyFor(opened, "acme", ["audit:ingest"]);
    const registered = await app.inject({
      method: "PUT",
      url: "/api/audit/keys",
      headers: bearer(admin),
      payload: { key_id: CLIENT.keyId, public_key: Buffer.from(CLIENT.publicKey).toString("base64") },
    });
    expect(registered.statusCode).toBeLessThan(300);
    lines = await writeLog(await tempDir("witnessed"), 10);
    for (const line of lines.filter((l) => l.includes('"sec0.checkpoint"'))) {
      const reply = await app.inject({
        method: "POST",
        url: "/api/audit/checkpoints",
        headers: bearer(ingest),
        payload: { object_key: LOG, line },
      });
      expect(reply.statusCode).toBe(201);
    }
  });
  afterAll(async () => {
    await app.close();
    await opened.close();
  });

  it("passes the file the witness saw", async () => {
    const dir = await tempDir("same");
    await writeFile(join(dir, `audit-${DAY}.ndjson`), `${lines.join("\n")}\n`);
    const result = await verify(dir, base, ingest);
    expect(result.out).toContain("consistent with 3 witnessed checkpoints");
    expect(result.code).toBe(0);
  });

  it("fails a tail cut after a checkpoint, which the file alone passes", async () => {
    const dir = await tempDir("cut");
    const firstCheckpoint = lines.findIndex((l) => l.includes('"sec0.checkpoint"'));
    await writeFile(join(dir, `audit-${DAY}.ndjson`), `${lines.slice(0, firstCheckpoint + 1).join("\n")}\n`);
    expect((await verify(dir, undefined, ingest)).code).toBe(0);
    const result = await verify(dir, base, ingest);
    expect(result.out).toContain("cut_tail");
    expect(result.code).toBe(1);
  });

  it("fails a history rewritten and re-signed with the same key, which the file alone passes", async () => {
    const dir = await tempDir("rewritten");
    const appender = new Sec0Appender({
      config: { dir, checkpointEvery: 4 },
      signer: CLIENT.signer,
      clock: createFixedClock(Date.UTC(2026, 0, 1, 12)),
    });
    for (let i = 1; i <= 10; i += 1) await appender.append({ ...envelope(i), policy: { decision: "allow" } });
    await appender.close();
    expect((await verify(dir, undefined, ingest)).code).toBe(0);
    const result = await verify(dir, base, ingest);
    expect(result.out).toContain("rewritten");
    expect(result.code).toBe(1);
  });

  it("says so when the witness cannot be asked, without printing the key", async () => {
    const dir = await tempDir("unreachable");
    await writeFile(join(dir, `audit-${DAY}.ndjson`), `${lines.join("\n")}\n`);
    const result = await verify(dir, "http://127.0.0.1:9", ingest);
    expect(result.out).toContain("AUDIT_WITNESS_FAILED");
    expect(result.out).not.toContain(ingest);
    expect(result.code).not.toBe(0);
  });
});
