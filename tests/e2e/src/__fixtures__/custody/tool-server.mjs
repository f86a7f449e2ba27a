// The tool server: a seed-shape MCP server wrapped by the middleware (signed appender in
// CUSTODY_MIDDLEWARE_DIR), served at POST /invoke/{tool@version}; its handler calls a
// `sec0.wrap.tool("Billing.charge")` hop (records in CUSTODY_TOOL_HOP_DIR). Prints {url}; on
// SIGTERM (or GET /__spans) prints / answers {spans} of an in-memory OTel exporter.
import { createServer } from "node:http";
import { sec0SecurityMiddleware } from "@sec0/middleware";
import { closeHopAudit, initializeSec0App, LocalDevSigner, Sec0Appender, sec0 } from "./built-deps.mjs";
import { registerMemoryTracing } from "./memory-tracing.mjs";

const env = process.env;
const tracing = registerMemoryTracing();

initializeSec0App(
  {
    app: {
      tenant: "acme",
      environment: "dev",
      client: { name: "billing-server", version: "1.0.0" },
      hops: {
        "Billing.charge": { type: "tool", nodeId: "billing-charge", server: "billing", tool: "charge@1.0" },
      },
    },
    controlPlane: {
      sec0Dir: ".sec0",
      localSignerPath: ".sec0/keys/ed25519.key",
      appenderDir: env.CUSTODY_TOOL_HOP_DIR,
    },
  },
  { cwd: env.CUSTODY_WORK, env: {} },
);

const charge = sec0.wrap.tool("Billing.charge", async (params, manager) => {
  await new Promise((resolve) => setTimeout(resolve, 2));
  return {
    charged: params.args.amount,
    orderId: params.args.orderId,
    toolHop: { traceId: manager.frame.traceId, spanId: manager.frame.spanId },
  };
});

const appender = new Sec0Appender({
  config: { dir: env.CUSTODY_MIDDLEWARE_DIR },
  signer: LocalDevSigner.fromKeyRef(`file://${env.CUSTODY_KEY_FILE}`, { cwd: env.CUSTODY_WORK }),
});
const tools = new Map();
const server = {
  name: "billing",
  version: "1.0.0",
  tool: (name, handler) => void tools.set(name, handler),
  __getTools: () => tools,
};
// No headers handed on: the tool hop's parent is the middleware's active span.
server.tool("charge@1.0", ({ args }) => charge({ args }));
sec0SecurityMiddleware({
  policy: {
    tenant: "acme",
    tools: { allowlist: ["mcp://billing/charge@1.0"] },
    enforcement: { mode: "enforce", deny_on: ["tool_not_in_allowlist"] },
  },
  adapters: { auditSink: appender },
})(server);

async function flushAll() {
  await closeHopAudit();
  await appender.flush();
  return tracing.spans();
}

const http = createServer((req, res) => {
  if (req.method === "GET" && req.url === "/__spans") {
    flushAll().then((spans) => res.writeHead(200).end(JSON.stringify({ spans })));
    return;
  }
  const chunks = [];
  req.on("data", (chunk) => chunks.push(chunk));
  req.on("end", async () => {
    const handler = tools.get(decodeURIComponent((req.url ?? "").replace(/^\/invoke\//, "")));
    const key = req.headers["x-idempotency-key"];
    try {
      if (handler === undefined) throw Object.assign(new Error("no such tool"), { status: 404 });
      const result = await handler({
        args: JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}"),
        ...(typeof key === "string" ? { idempotencyKey: key } : {}),
        headers: req.headers,
      });
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(result));
    } catch (error) {
      res
        .writeHead(error.status ?? 403, { "content-type": "application/json" })
        .end(JSON.stringify({ error: "POLICY_DENIED", message: error.message }));
    }
  });
});

process.on("SIGTERM", async () => {
  http.closeAllConnections();
  http.close();
  const spans = await flushAll();
  await appender.close();
  process.stdout.write(`${JSON.stringify({ spans })}\n`, () => process.exit(0));
});

http.listen(0, "127.0.0.1", () => {
  console.log(JSON.stringify({ url: `http://127.0.0.1:${http.address().port}` }));
});
