// The control plane's hot routes on embedded PGlite and on PostgreSQL (127.0.0.1:5432), in one
// run, over loopback HTTP with 16 requests in flight: policy fetches (200 with the YAML, and 304
// on If-None-Match), escalation creates and votes. The baseline is a bare Fastify route answering
// the same YAML from memory, measured in the same run. Bounded: a few seconds per row.
import { randomBytes } from "node:crypto";
import autocannon from "autocannon";
import { formatSpread, printTable } from "./harness.mjs";

const app = "../apps/control-plane/dist";
const { createControlPlane } = await import(`${app}/app.js`);
const { openPglite } = await import(`${app}/db/open-pglite.js`);
const { openPostgres } = await import(`${app}/db/open-postgres.js`);
const { migrate } = await import(`${app}/db/migrate.js`);
const { bootstrapTenant } = await import(`${app}/keys/bootstrap-tenant.js`);
const { createApiKey } = await import(`${app}/keys/create-api-key.js`);
const { LocalDevSigner } = await import("../packages/signer/dist/index.js");
const { default: Fastify } = await import(
  new URL("../apps/control-plane/node_modules/fastify/fastify.js", import.meta.url).href
);
const pg = (await import(new URL("../apps/control-plane/node_modules/pg/lib/index.js", import.meta.url).href))
  .default;

const MS = Number(process.env.SEC0_BENCH_MS ?? 2500);
const ROUNDS = Number(process.env.SEC0_BENCH_ROUNDS ?? 3);
const IN_FLIGHT = 16;
const signer = LocalDevSigner.fromSeed(new Uint8Array(32).fill(9));
const POLICY = `tenant: bench
tools:
  allowlist: ["mcp://files/*"]
enforcement:
  deny_on: [tool_not_in_allowlist]
`;

/**
 * Requests/s of autocannon (16 connections, MS long) against `url` with `options`; every answer
 * must have `status` (autocannon's `expectBody`-free check: non-matching answers fail the row).
 */
function rate(url, options, status) {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections: IN_FLIGHT, duration: MS / 1000, ...options }, (error, result) => {
      if (error) return reject(error);
      const wrong =
        result.errors +
        result.timeouts +
        (status === 200 ? result.non2xx : result.non2xx - (result.statusCodeStats[status]?.count ?? 0));
      if (wrong > 0)
        return reject(
          new Error(`${wrong} answers were not ${status} (${JSON.stringify(result.statusCodeStats)})`),
        );
      resolve(result.requests.average);
    });
  });
}

async function postgresDatabase() {
  const admin = process.env.SEC0_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const name = `sec0_cp_bench_${randomBytes(4).toString("hex")}`;
  const client = new pg.Client({ connectionString: admin, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query(`CREATE DATABASE ${name}`);
  } catch (error) {
    console.log(`PostgreSQL rows skipped: ${admin} is not reachable (${error.message})`);
    return undefined;
  } finally {
    await client.end().catch(() => undefined);
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    db: await openPostgres(url.toString()),
    async drop() {
      const dropper = new pg.Client({ connectionString: admin });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

async function measureStorage(name, db) {
  await migrate(db);
  const admin = await bootstrapTenant(db, { tenantId: "bench", name: "bench" });
  const server = createControlPlane({ db, signer });
  const base = await server.listen({ port: 0, host: "127.0.0.1" });
  const auth = { authorization: `Bearer ${admin}` };
  const put = await fetch(`${base}/api/policy/bench?level=middleware`, {
    method: "PUT",
    headers: { ...auth, "content-type": "text/yaml" },
    body: POLICY,
  });
  if (put.status >= 300) throw new Error(`policy publish failed: ${put.status} ${await put.text()}`);
  const first = await fetch(`${base}/api/policy/bench?level=middleware`, { headers: auth });
  const etag = first.headers.get("etag");
  await first.arrayBuffer();
  const voters = [];
  for (let i = 0; i < 64; i += 1) {
    voters.push(
      (
        await createApiKey(db, {
          tenantId: "bench",
          label: `voter ${i}`,
          scopes: ["escalation:vote"],
          userId: `voter-${i}`,
        })
      ).text,
    );
  }
  const escalationBody = JSON.stringify({
    content: "rm -rf /srv/data",
    violation: "command_unsafe",
    rule_id: "agent_guard",
    message: "The agent wants to delete a directory.",
    severity: "high",
    node_id: "planner",
    agent_ref: "run-1",
    metadata: { tool_ref: "mcp://files/delete@1.0" },
    ttl_seconds: 600,
    timeout_action: "auto_reject",
    approval_strategy: "human_quorum",
    min_approvals: 10_000,
    min_rejections: 10_000,
  });
  const policyUrl = `${base}/api/policy/bench?level=middleware`;
  const createOptions = {
    method: "POST",
    headers: { ...auth, "content-type": "application/json" },
    body: escalationBody,
  };
  // Votes land on fresh escalations, one vote per voter each: a pool of them first.
  const pool = [];
  for (let i = 0; i < 400; i += 1) {
    const reply = await fetch(`${base}/api/escalations`, createOptions);
    pool.push((await reply.json()).escalation.id);
  }
  let voteIndex = 0;
  const voteOptions = {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ action: "approve", notes: "ok" }),
    requests: [
      {
        setupRequest: (request) => {
          const n = voteIndex++;
          const id = pool[Math.floor(n / voters.length) % pool.length];
          return {
            ...request,
            path: `/api/escalations/${id}`,
            headers: { ...request.headers, authorization: `Bearer ${voters[n % voters.length]}` },
          };
        },
      },
    ],
  };
  const rows = { fetch: [], notModified: [], create: [], vote: [] };
  for (let round = 0; round < ROUNDS; round += 1) {
    rows.fetch.push(await rate(policyUrl, { headers: auth }, 200));
    rows.notModified.push(await rate(policyUrl, { headers: { ...auth, "if-none-match": etag } }, 304));
    rows.create.push(await rate(`${base}/api/escalations`, createOptions, 201));
    // Each (escalation, voter) pair votes once; stop when the pool could run out.
    if (voteIndex + 8000 < pool.length * voters.length)
      rows.vote.push(await rate(`${base}/api/escalations/x`, voteOptions, 200));
  }
  await server.close();
  await db.close();
  return [
    [`${name}: policy fetch (200, YAML)`, formatSpread(rows.fetch)],
    [`${name}: policy fetch, If-None-Match (304)`, formatSpread(rows.notModified)],
    [`${name}: escalation create`, formatSpread(rows.create)],
    [`${name}: escalation vote`, rows.vote.length === 0 ? "not measured" : formatSpread(rows.vote)],
  ];
}

// Baseline: bare Fastify answering the policy YAML from memory.
const bare = Fastify();
bare.get("/api/policy/:tenant", async (_request, reply) =>
  reply.type("text/yaml").header("etag", '"x"').send(POLICY),
);
const bareBase = await bare.listen({ port: 0, host: "127.0.0.1" });
const bareRates = [];
for (let round = 0; round < ROUNDS; round += 1)
  bareRates.push(await rate(`${bareBase}/api/policy/bench?level=middleware`, {}, 200));
await bare.close();

const table = [["bare Fastify, same YAML from memory (baseline)", formatSpread(bareRates)]];
table.push(...(await measureStorage("PGlite (in memory)", await openPglite(undefined))));
const postgres = await postgresDatabase();
if (postgres !== undefined) {
  table.push(...(await measureStorage("PostgreSQL", postgres.db)));
  await postgres.drop();
}
printTable(["route (16 connections, loopback)", "requests/s, median round (min–max)"], table);
console.log(
  `\n${ROUNDS} rounds of ${MS} ms per row (autocannon in the same process as the server); raw figures of this machine.`,
);
