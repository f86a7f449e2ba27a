// One gateway replica in its own process (the built package), sharing Redis with the others:
//   node gateway-process.mjs  with env TARGET, REDIS_URL, PREFIX, POLICY (JSON)
// Prints `ready <url>` when it listens; exits on SIGTERM after draining.
import { createRedisClient, createRedisIdempotencyStore } from "@sec0/guard/redis";
import { RedisAdapter, startGatewayServer } from "../../dist/index.js";

const redis = createRedisClient(process.env.REDIS_URL);
const prefix = process.env.PREFIX;
const server = startGatewayServer({
  port: 0,
  tenant: "acme",
  targets: { files: process.env.TARGET },
  audit: { append: () => undefined, gatewayName: "replica", gatewayVersion: String(process.pid) },
  quotas: { adapter: new RedisAdapter(redis, { prefix: `${prefix}q:` }), failMode: "closed", timeoutMs: 500 },
  idempotencyStore: createRedisIdempotencyStore({ client: redis, prefix: `${prefix}i:` }),
  policy: JSON.parse(process.env.POLICY ?? '{"tenant":"acme"}'),
});
const { url } = await server.ready;
process.stdout.write(`ready ${url}\n`);
process.on("SIGTERM", async () => {
  await server.shutdown();
  redis.disconnect();
  process.exit(0);
});
