// The processes of the gateway benchmark, one per role, each printing `ready <url>`:
//   node servers.mjs upstream            a bare tool server (POST /invoke/:tool → small JSON)
//   node servers.mjs bare <upstream>     the baseline: Fastify + one undici Pool, no checks
//   node servers.mjs gateway <upstream> <jwks-url> <redis-url|memory>
//                                        @sec0/gateway with JWT (ES256), quotas, dedupe, signed audit
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Sec0Appender } from "../../packages/audit/dist/index.js";
import { RedisAdapter, startGatewayServer } from "../../packages/gateway/dist/index.js";
import { LocalDevSigner } from "../../packages/signer/dist/index.js";

const need = createRequire(new URL("../../packages/gateway/package.json", import.meta.url));
const [role, upstreamUrl, jwksUrl, redisUrl] = process.argv.slice(2);
const ANSWER = JSON.stringify({ ok: true, content: [{ type: "text", text: "done" }] });

// Exit through process.exit on SIGTERM, so that `node --cpu-prof` writes its profile.
if (role !== "gateway") process.on("SIGTERM", () => process.exit(0));

if (role === "upstream") {
  // `GET /calls` answers how many tool calls reached it, so that the benchmark can check that every
  // governed call it counted ran upstream (none was a replay of a stored result).
  let calls = 0;
  const server = createServer((req, res) => {
    if (req.method === "GET" && req.url === "/calls") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ calls }));
      return;
    }
    calls += 1;
    req.resume();
    req.on("end", () => {
      res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(ANSWER) });
      res.end(ANSWER);
    });
  });
  server.keepAliveTimeout = 30_000;
  server.listen(0, "127.0.0.1", () => console.log(`ready http://127.0.0.1:${server.address().port}`));
} else if (role === "bare") {
  const { default: Fastify } = await import(need.resolve("fastify"));
  const { Pool } = await import(need.resolve("undici"));
  const pool = new Pool(upstreamUrl, { connections: 64 });
  const app = Fastify({ logger: false });
  app.post("/mcp/:server/:toolAtVersion", async (request, reply) => {
    const answer = await pool.request({
      path: `/invoke/${encodeURIComponent(request.params.toolAtVersion)}`,
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(request.body ?? {}),
    });
    const text = await answer.body.text();
    return reply.code(answer.statusCode).type("application/json").send(text);
  });
  console.log(`ready ${await app.listen({ port: 0, host: "127.0.0.1" })}`);
} else if (role === "gateway") {
  const dir = mkdtempSync(join(tmpdir(), "sec0-bench-gateway-"));
  const signer = LocalDevSigner.fromSeed(createHash("sha256").update("bench").digest());
  // BENCH_GATEWAY_SIGNING=checkpoint: records signed through checkpoints instead of one by one.
  const signing = process.env.BENCH_GATEWAY_SIGNING === "checkpoint" ? "checkpoint" : "per_record";
  const appender = new Sec0Appender({ config: { dir, durability: "batch", signing }, signer });
  let quota;
  let idempotencyStore;
  let redis;
  if (redisUrl !== "memory") {
    const { createRedisClient, createRedisIdempotencyStore } = await import(
      "../../packages/guard/dist/redis/index.js"
    );
    redis = createRedisClient(redisUrl);
    const prefix = `sec0-bench:${process.pid}:`;
    quota = new RedisAdapter(redis, { prefix: `${prefix}q:` });
    idempotencyStore = createRedisIdempotencyStore({ client: redis, prefix: `${prefix}i:` });
  }
  const server = startGatewayServer({
    port: 0,
    tenant: "acme",
    targets: { files: upstreamUrl },
    audit: { append: (env) => appender.append(env), gatewayName: "bench", gatewayVersion: "1.0.0" },
    // BENCH_GATEWAY_AUDIT=none drops records unsigned: what signing and writing cost (not the benchmark's setting).
    auditSink: process.env.BENCH_GATEWAY_AUDIT === "none" ? { append: async () => {} } : appender,
    ...(quota === undefined ? {} : { quotas: { adapter: quota, failMode: "closed", timeoutMs: 200 } }),
    ...(idempotencyStore === undefined ? {} : { idempotencyStore }),
    enforcement: { mode: "enforce" },
    policy: {
      tenant: "acme",
      authn: { oidc: { issuer: "https://idp.bench", audience: "sec0-gateway", jwks_uri: jwksUrl } },
      quotas: { per_tenant: { acme: { rate_per_minute: 60_000_000, daily: 1_000_000_000 } } },
    },
  });
  const { url } = await server.ready;
  console.log(`ready ${url}`);
  process.on("SIGTERM", async () => {
    await server.shutdown();
    redis?.disconnect();
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  });
}
