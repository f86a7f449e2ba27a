// The gateway against a bare Fastify + undici proxy to the same upstream, on 127.0.0.1, measured
// with a bounded load generator (autocannon, fixed duration) in the same run. The gateway runs with
// JWT (ES256, JWKS from a local IdP), Redis quotas, Redis dedupe of side effects and a signed
// audit record per call, once signing each record and once signing checkpoints over them. Targets
// (docs/performance.md): ≥ 70 % of the bare proxy's requests/s, ≤ 2 ms added p99. Rounds alternate
// (bare, gateway, gateway with checkpoints, bare, …) so that all see the same machine.
import { spawn } from "node:child_process";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { connect } from "node:net";
import autocannon from "autocannon";

const need = createRequire(new URL("../packages/gateway/package.json", import.meta.url));
const { SignJWT, exportJWK, generateKeyPair } = await import(need.resolve("jose"));
const SECONDS = Number(process.env.BENCH_GATEWAY_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.BENCH_GATEWAY_CONNECTIONS ?? 32);
const ROUNDS = 2;
const children = [];

// BENCH_GATEWAY_NODE_ARGS: extra Node options for the gateway processes only, for example
// "--cpu-prof --cpu-prof-dir=/tmp/gateway-profiles" to profile them under this load.
const gatewayNodeArgs = (process.env.BENCH_GATEWAY_NODE_ARGS ?? "").split(" ").filter(Boolean);

function start(args, env = {}) {
  const nodeArgs = args[0] === "gateway" ? gatewayNodeArgs : [];
  const child = spawn(
    process.execPath,
    [...nodeArgs, new URL("./gateway/servers.mjs", import.meta.url).pathname, ...args],
    {
      stdio: ["ignore", "pipe", "inherit"],
      env: { ...process.env, ...env },
    },
  );
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const match = /ready (\S+)/.exec(out);
      if (match) resolve(match[1]);
    });
    child.once("exit", (code) => reject(new Error(`${args[0]} exited with ${code}`)));
  });
}

async function upstreamCalls(upstream) {
  const reply = await fetch(`${upstream}/calls`);
  return (await reply.json()).calls;
}

function redisReachable() {
  return new Promise((resolve) => {
    const socket = connect(6379, "127.0.0.1");
    socket.setTimeout(500);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
  });
}

async function identityProvider() {
  const { publicKey, privateKey } = await generateKeyPair("ES256");
  const jwk = { ...(await exportJWK(publicKey)), kid: "bench-1", alg: "ES256", use: "sig" };
  const server = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const token = await new SignJWT({ org: "acme", email: "bench@example.com", roles: ["agent"] })
    .setProtectedHeader({ alg: "ES256", kid: "bench-1" })
    .setIssuer("https://idp.bench")
    .setAudience("sec0-gateway")
    .setSubject("bench-user")
    .setIssuedAt()
    .setExpirationTime("1h")
    .sign(privateKey);
  return { url: `http://127.0.0.1:${server.address().port}/jwks`, token, server };
}

// One counter for the whole run: every request of every round carries a key never sent before, so
// each one is a first call that reaches the upstream, never a replay of a stored result.
let sent = 0;

function load(url, headers) {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: `${url}/mcp/files/write_file@1`,
        method: "POST",
        connections: CONNECTIONS,
        duration: SECONDS,
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({ path: "/tmp/bench.txt", content: "x".repeat(200) }),
        requests: [
          {
            setupRequest: (req) => ({
              ...req,
              headers: { ...req.headers, "x-idempotency-key": `k-${process.pid}-${sent++}` },
            }),
          },
        ],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

const useRedis = await redisReachable();
const idp = await identityProvider();
try {
  const upstream = await start(["upstream"]);
  const bare = await start(["bare", upstream]);
  const state = useRedis ? "redis://127.0.0.1:6379" : "memory";
  const gateway = await start(["gateway", upstream, idp.url, state]);
  const checkpoint = await start(["gateway", upstream, idp.url, state], {
    BENCH_GATEWAY_SIGNING: "checkpoint",
  });
  const auth = { authorization: `Bearer ${idp.token}` };
  const targets = { bare: [bare, {}], gateway: [gateway, auth], checkpoint: [checkpoint, auth] };
  for (const [url, headers] of Object.values(targets)) await load(url, headers);
  const rows = { bare: [], gateway: [], checkpoint: [] };
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const [name, [url, headers]] of Object.entries(targets)) {
      const before = await upstreamCalls(upstream);
      const result = await load(url, headers);
      const ran = (await upstreamCalls(upstream)) - before;
      // Each 2xx must be a call that ran upstream (a replayed result would flatter the gateway).
      // Up to one call per connection of the previous round, and of this one, still in flight when
      // its round stopped, reaches the upstream inside this window without a counted answer.
      if (ran < result["2xx"] || ran > result["2xx"] + 2 * CONNECTIONS) {
        throw new Error(`${name}: ${result["2xx"]} answers with 2xx but ${ran} upstream calls in the round`);
      }
      rows[name].push(result);
    }
  }
  const sum = (list, pick) => list.reduce((acc, r) => acc + pick(r), 0) / list.length;
  const figures = Object.fromEntries(
    Object.entries(rows).map(([name, list]) => [
      name,
      {
        rps: sum(list, (r) => r.requests.average),
        p50: sum(list, (r) => r.latency.p50),
        p99: sum(list, (r) => r.latency.p99),
        non2xx: list.reduce((acc, r) => acc + r.non2xx + r.errors, 0),
      },
    ]),
  );
  const { bare: b, gateway: g, checkpoint: c } = figures;
  console.log(
    `${ROUNDS} rounds of ${SECONDS} s, ${CONNECTIONS} connections, 127.0.0.1; gateway state: ${useRedis ? "Redis 127.0.0.1:6379" : "in memory (no Redis reachable)"}\n`,
  );
  const share = (f) => `${((f.rps / b.rps) * 100).toFixed(1)} %`;
  const addedP99 = (f) => (f.p99 - b.p99).toFixed(2);
  const row = (name, f) =>
    `| ${name} | ${f.rps.toFixed(0)} | ${share(f)} | ${f.p50.toFixed(2)} | ${f.p99.toFixed(2)} | ${addedP99(f)} | ${f.non2xx} |`;
  console.log("| proxy | requests/s | of bare | p50 ms | p99 ms | added p99 ms | non-2xx + errors |");
  console.log("|---|---:|---:|---:|---:|---:|---:|");
  console.log(row("bare Fastify + undici", b));
  console.log(row("sec0 gateway (JWT ES256, quotas, dedupe, audit signed per record)", g));
  console.log(row("sec0 gateway (same, audit signed by checkpoints)", c));
  console.log(
    `\ntargets: ≥ 70 % of the bare proxy's requests/s, ≤ 2 ms added p99; per record ${share(g)} / +${addedP99(g)} ms, checkpoints ${share(c)} / +${addedP99(c)} ms`,
  );
} finally {
  for (const child of children) child.kill("SIGTERM");
  idp.server.close();
}
