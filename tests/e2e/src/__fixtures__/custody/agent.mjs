// The agent process: orchestrator hop `Workflow.run` → agent hop `OrderAgent.run` → gateway hop
// `OrderAgent.charge`, which calls `manager.invoke("OrderAgent.charge", …)` against
// CUSTODY_GATEWAY_URL. Hop records go to CUSTODY_AGENT_DIR. Prints {result, spans}.
// CUSTODY_PLAIN_INVOKE=1: the agent calls manager.invoke itself (no gateway hop of its own).
import { closeHopAudit, initializeSec0App, sec0 } from "./built-deps.mjs";
import { registerMemoryTracing } from "./memory-tracing.mjs";

const env = process.env;
const tracing = registerMemoryTracing();

initializeSec0App(
  {
    app: {
      tenant: "acme",
      environment: "dev",
      client: { name: "order-system", version: "1.0.0" },
      hops: {
        "Workflow.run": {
          type: "orchestrator",
          nodeId: "workflow",
          orchestratorName: "workflow",
          orchestratorVersion: "1.0.0",
        },
        "OrderAgent.run": {
          type: "agent",
          nodeId: "order-agent",
          agentName: "order-agent",
          agentVersion: "1.0.0",
        },
        "OrderAgent.charge": {
          type: "gateway",
          nodeId: "billing-gateway",
          gateway: "billing-gateway",
          gatewayBaseUrl: env.CUSTODY_GATEWAY_URL,
          tenant: "acme",
        },
      },
    },
    controlPlane: {
      sec0Dir: ".sec0",
      localSignerPath: ".sec0/keys/ed25519.key",
      appenderDir: env.CUSTODY_AGENT_DIR,
    },
  },
  { cwd: env.CUSTODY_WORK, env: {} },
);

const chargeHop = sec0.wrap.gateway("OrderAgent.charge", (params, manager) =>
  manager.invoke("OrderAgent.charge", { server: params.server, tool: params.tool, args: params.args }),
);

const orderAgent = sec0.wrap.agent("OrderAgent.run", async (_ctx, input, manager) => {
  const params = { server: "billing", tool: "charge@1.0", args: { orderId: input.orderId, amount: 42 } };
  return env.CUSTODY_PLAIN_INVOKE === "1" ? manager.invoke("OrderAgent.charge", params) : chargeHop(params);
});

const workflow = sec0.wrap.orchestrator("Workflow.run", async (_ctx, input) => orderAgent({}, input));

const result = await workflow({}, { orderId: "ord-1" });
await closeHopAudit();
process.stdout.write(`${JSON.stringify({ result, spans: await tracing.spans() })}\n`, () => process.exit(0));
