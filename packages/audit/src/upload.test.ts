import { appendFile, readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { createFixedClock, createSeededKeyPair } from "@sec0/testkit";
import { afterEach, describe, expect, it } from "vitest";
import { envelope, tempDir } from "./__fixtures__/helpers.js";
import { Sec0Appender } from "./appender.js";
import { PRESIGN_STATE_FILE } from "./presign-state.js";
import { createAuditUploader } from "./upload.js";

interface Received {
  presignBodies: Array<Record<string, unknown>>;
  authorizations: string[];
  stored: Buffer[];
  failPuts: number;
  failPresigns: number;
}

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

async function body(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function startControlPlane(): Promise<{ baseUrl: string; received: Received }> {
  const received: Received = {
    presignBodies: [],
    authorizations: [],
    stored: [],
    failPuts: 0,
    failPresigns: 0,
  };
  server = createServer(async (request, response) => {
    const payload = await body(request);
    const base = `http://127.0.0.1:${((server as Server).address() as AddressInfo).port}`;
    if (request.method === "POST" && request.url === "/api/sec0/upload-url") {
      if (received.failPresigns > 0) {
        received.failPresigns -= 1;
        response.writeHead(503).end();
        return;
      }
      received.authorizations.push(String(request.headers.authorization));
      received.presignBodies.push(JSON.parse(payload.toString()) as Record<string, unknown>);
      response.writeHead(200, { "content-type": "application/json" });
      response.end(
        JSON.stringify({
          url: `${base}/bucket/${received.presignBodies.length}`,
          headers: { "x-amz-meta-test": "1" },
        }),
      );
      return;
    }
    if (request.method === "PUT" && request.url?.startsWith("/bucket/")) {
      if (received.failPuts > 0) {
        received.failPuts -= 1;
        response.writeHead(500).end();
        return;
      }
      expect(request.headers["x-amz-meta-test"]).toBe("1");
      received.stored.push(payload);
      response.writeHead(200).end();
      return;
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  return { baseUrl: `http://127.0.0.1:${((server as Server).address() as AddressInfo).port}`, received };
}

const presign = (apiBaseUrl: string) => ({
  apiBaseUrl,
  auditKey: "Bearer sec0_test_key_123",
  tenant: "acme",
  environment: "prod",
  clientName: "app",
  clientVersion: "1.2.3",
  retryDelayMs: 5,
  maxAttempts: 2,
});

describe("presigned upload", () => {
  it("uploads deltas, resumes after failures, and never sends accepted bytes twice", async () => {
    const { baseUrl, received } = await startControlPlane();
    const dir = await tempDir();
    const clock = createFixedClock(Date.UTC(2026, 0, 1, 12));
    const appender = new Sec0Appender({ config: { dir }, signer: createSeededKeyPair().signer, clock });
    const uploader = createAuditUploader({ dir, presign: presign(baseUrl), clock });
    const file = join(dir, "audit-2026-01-01.ndjson");

    await appender.append(envelope(1));
    await appender.flush();
    expect(await uploader.uploadDay("2026-01-01")).toEqual({ bytes: (await readFile(file)).length });
    expect(received.authorizations).toEqual(["Bearer sec0_test_key_123"]);
    expect(received.presignBodies[0]).toMatchObject({
      tenant: "acme",
      env: "prod",
      contentType: "application/x-ndjson",
      clientName: "app",
      clientVersion: "1.2.3",
    });
    expect(String(received.presignBodies[0]?.key)).toMatch(
      /^tenants\/acme\/prod\/clients\/app\/1\.2\.3\/ingest\/2026-01-01\/audit-2026-01-01-2026-01-01T12-00-00-000Z-[0-9a-f]{8}\.ndjson$/,
    );

    await appender.append(envelope(2));
    await appender.flush();
    received.failPuts = 5; // more than maxAttempts: this round fails
    await expect(uploader.uploadDay("2026-01-01")).rejects.toMatchObject({ code: "AUDIT_UPLOAD_FAILED" });
    received.failPuts = 1; // one retry then success
    received.failPresigns = 0;
    await appender.append(envelope(3));
    await appender.flush();
    await appendFile(file, '{"partial":'); // a line still being written is not sent
    await uploader.uploadDay("2026-01-01");
    expect(Buffer.concat(received.stored).toString()).toBe(
      (await readFile(file, "utf8")).replace('{"partial":', ""),
    );
    expect(await uploader.uploadDay("2026-01-01")).toEqual({ bytes: 0 });

    const state = JSON.parse(await readFile(join(dir, PRESIGN_STATE_FILE), "utf8")) as {
      auditOffsetsByDate: Record<string, number>;
    };
    expect(state.auditOffsetsByDate["2026-01-01"]).toBe(Buffer.concat(received.stored).length);
    await appender.close();
  });

  it("retries a failing upload-url request with backoff and rejects a config without a tenant", async () => {
    const { baseUrl, received } = await startControlPlane();
    const dir = await tempDir();
    const appender = new Sec0Appender({
      config: { dir, presign: presign(baseUrl) },
      signer: createSeededKeyPair().signer,
    });
    received.failPresigns = 1;
    await appender.append(envelope(1));
    await appender.flush(); // flush uploads the open day
    expect(Buffer.concat(received.stored).toString()).toBe(
      await readFile(join(dir, "audit-2026-01-01.ndjson"), "utf8"),
    );
    await appender.close();
    expect(() => createAuditUploader({ dir, presign: { auditKey: "Bearer x" } })).toThrowError(
      expect.objectContaining({ code: "AUDIT_UPLOAD_CONFIG_INVALID" }),
    );
  });
});
