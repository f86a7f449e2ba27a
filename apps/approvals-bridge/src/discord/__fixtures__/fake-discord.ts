// A fake of the parts of Discord's REST API the bridge uses, on 127.0.0.1 (port 0), speaking the
// real wire protocol (paths, Authorization header, JSON bodies, 429 with Retry-After and
// X-RateLimit-* headers), plus an Ed25519 key that signs interactions exactly as Discord does.
import { generateKeyPairSync, type KeyObject, sign } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One request the fake received. */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  /** Headers without `authorization`. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly hasAuthorization: boolean;
  /** `Authorization: Bot <token>` with the right token. */
  readonly isBotAuthorized: boolean;
  readonly body: unknown;
  readonly at: number;
}

export interface FakeDiscord {
  /** Base URL for `new REST({ api })`: `http://127.0.0.1:PORT/api`. */
  readonly api: string;
  readonly token: string;
  readonly requests: RecordedRequest[];
  /** The application public key, raw 32 bytes as hex (as the developer portal shows it). */
  readonly publicKeyHex: string;
  /** Signs `timestamp + body` as Discord does; returns the two headers. */
  signInteraction(body: string, timestampSeconds?: number): Record<string, string>;
  /** The next request gets a 429 with `retry_after` (seconds). */
  rateLimitNext(retryAfterSeconds: number): void;
  /** The next request gets `status` with a Discord error body. */
  failNext(status: number, body?: unknown): void;
  /** Polls `requests` (bounded) until `predicate` holds. */
  waitFor(predicate: (requests: RecordedRequest[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

type Queued = { status: number; body: unknown; headers: Record<string, string> };

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  if (status === 204) {
    response.writeHead(204, headers).end();
    return;
  }
  response.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
}

let nextSnowflake = 1_100_000_000_000_000_000n;
function snowflake(): string {
  nextSnowflake += 1n;
  return nextSnowflake.toString();
}

function message(channelId: string, id: string, body: unknown): Record<string, unknown> {
  const fields = typeof body === "object" && body !== null ? body : {};
  return { id, channel_id: channelId, type: 0, author: { id: "1", username: "sec0-bot" }, ...fields };
}

function route(method: string, path: string, body: unknown): Queued {
  const channelMessages = /^\/api\/v10\/channels\/(\d+)\/messages$/.exec(path);
  if (method === "POST" && channelMessages) {
    return { status: 200, body: message(channelMessages[1]!, snowflake(), body), headers: {} };
  }
  const channelMessage = /^\/api\/v10\/channels\/(\d+)\/messages\/(\d+)$/.exec(path);
  if (method === "PATCH" && channelMessage) {
    return { status: 200, body: message(channelMessage[1]!, channelMessage[2]!, body), headers: {} };
  }
  if (method === "PATCH" && /^\/api\/v10\/webhooks\/\d+\/[^/]+\/messages\/@original$/.test(path)) {
    return { status: 200, body: message("2", snowflake(), body), headers: {} };
  }
  if (method === "POST" && /^\/api\/v10\/webhooks\/\d+\/[^/]+$/.test(path)) {
    return { status: 200, body: message("2", snowflake(), body), headers: {} };
  }
  return { status: 404, body: { message: "404: Not Found", code: 0 }, headers: {} };
}

function keyPair(): { privateKey: KeyObject; publicKeyHex: string } {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const der = publicKey.export({ format: "der", type: "spki" });
  return { privateKey, publicKeyHex: der.subarray(der.length - 32).toString("hex") };
}

/** Starts the fake on 127.0.0.1:0. */
export async function startFakeDiscord(token = "fake-bot-token.AbCdEf.0123456789"): Promise<FakeDiscord> {
  const requests: RecordedRequest[] = [];
  const queue: Queued[] = [];
  const { privateKey, publicKeyHex } = keyPair();

  const server: Server = createServer((request, response) => {
    void (async () => {
      const raw = await readBody(request);
      const { authorization, ...headers } = request.headers;
      // Clients may percent-encode segments (@discordjs/rest sends %40original); Discord accepts both.
      const path = decodeURIComponent((request.url ?? "/").split("?")[0]!);
      let body: unknown = raw;
      try {
        body = raw === "" ? undefined : JSON.parse(raw);
      } catch {
        // kept as text
      }
      requests.push({
        method: request.method ?? "GET",
        path,
        headers,
        hasAuthorization: authorization !== undefined,
        isBotAuthorized: authorization === `Bot ${token}`,
        body,
        at: Date.now(),
      });
      const answer = queue.shift() ?? route(request.method ?? "GET", path, body);
      send(response, answer.status, answer.body, answer.headers);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    api: `http://127.0.0.1:${port}/api`,
    token,
    requests,
    publicKeyHex,
    signInteraction(body, timestampSeconds = Math.floor(Date.now() / 1000)) {
      const timestamp = String(timestampSeconds);
      const signature = sign(null, Buffer.concat([Buffer.from(timestamp), Buffer.from(body)]), privateKey);
      return { "x-signature-ed25519": signature.toString("hex"), "x-signature-timestamp": timestamp };
    },
    rateLimitNext(retryAfterSeconds) {
      queue.push({
        status: 429,
        body: { message: "You are being rate limited.", retry_after: retryAfterSeconds, global: false },
        headers: {
          "retry-after": String(retryAfterSeconds),
          "x-ratelimit-limit": "5",
          "x-ratelimit-remaining": "0",
          "x-ratelimit-reset-after": String(retryAfterSeconds),
          "x-ratelimit-bucket": "fake-bucket",
          "x-ratelimit-scope": "user",
        },
      });
    },
    failNext(status, body = { message: "Missing Access", code: 50001 }) {
      queue.push({ status, body, headers: {} });
    },
    async waitFor(predicate, timeoutMs = 3000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(requests)) {
        if (Date.now() > deadline) throw new Error(`fake discord: condition not met within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    close() {
      return new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      });
    },
  };
}
