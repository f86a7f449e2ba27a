// The production topology as processes (no Docker engine on our machines): the control plane on
// the real PostgreSQL, two gateway replicas on one Redis behind a load balancer, the approvals
// bridge, all run from their production bundles (`pnpm deploy --prod`, as the images are built).
// The README story runs against it, and while its escalation waits for a person, a burst of side
// effects goes through the load balancer and one replica is killed (SIGKILL) mid-burst. Then:
// every call the client saw acknowledged ran, none ran twice, and the escalation still resolves.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type DevStack, startDevStack } from "@sec0/cli";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deployBundles } from "./__fixtures__/deploy-bundles.js";
import { type RoundRobinProxy, startRoundRobinProxy } from "./__fixtures__/round-robin-proxy.js";
import { createDatabase, REDIS_URL, servicesMissing } from "./__fixtures__/services.js";
import { pressOnPage } from "./story/approvals-page.mjs";
import { freePort } from "./story/free-port.mjs";
import { runStory } from "./story/story.mjs";
import { publishPaymentsPolicy, startStoryPayments, storySystem } from "./story/story-system.mjs";

const BURST = 40;
// Idempotency records outlive a run in the shared Redis (24 h): every run uses keys of its own.
const RUN = randomBytes(4).toString("hex");
const work = mkdtempSync(join(tmpdir(), "sec0-topology-"));
let skipReason: string | undefined;
let stack: DevStack | undefined;
let proxy: RoundRobinProxy | undefined;
let payments: { url: string; close(): Promise<void> } | undefined;
let database: { url: string; drop(): Promise<void> } | undefined;
const runs: string[] = [];

beforeAll(async () => {
  skipReason = await servicesMissing();
  if (skipReason !== undefined) {
    console.warn(`process topology test skipped: ${skipReason}`);
    return;
  }
  const apps = await deployBundles(join(work, "bundles"), 170_000);
  database = await createDatabase("sec0_topology");
  const toolsPort = await freePort();
  stack = await startDevStack({
    dir: join(work, "stack"),
    ports: "auto",
    tenant: "topology",
    approvers: ["alice"],
    targets: { payments: `http://127.0.0.1:${toolsPort}` },
    redisUrl: REDIS_URL,
    databaseUrl: database.url,
    gatewayReplicas: 2,
    apps,
    logLevel: "warn",
    env: { PATH: process.env.PATH },
  });
  await publishPaymentsPolicy(stack);
  payments = (await startStoryPayments(stack, { port: toolsPort, work, runs })).server;
  proxy = await startRoundRobinProxy(stack.urls.gateways);
}, 240_000);

afterAll(async () => {
  await proxy?.close();
  await payments?.close();
  await stack?.stop();
  await database?.drop();
  rmSync(work, { recursive: true, force: true });
});

/** A client that owns its retries: the same idempotency key until the call is acknowledged. */
async function sendReceipt(
  index: number,
  gatewayClientKey: string,
): Promise<{ status: number; attempts: number }> {
  const key = `burst-${RUN}-${index}`;
  for (let attempt = 1; attempt <= 200; attempt += 1) {
    try {
      const reply = await fetch(`${proxy?.url}/mcp/payments/send_receipt@1.0`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-api-key": gatewayClientKey,
          "x-idempotency-key": key,
        },
        body: JSON.stringify({ invoice: `burst-${RUN}-${index}`, to: "ops@globex.example" }),
        signal: AbortSignal.timeout(10_000),
      });
      await reply.body?.cancel();
      if (reply.ok) return { status: reply.status, attempts: attempt };
      if (![409, 502, 503, 504].includes(reply.status)) return { status: reply.status, attempts: attempt };
    } catch {
      // the connection broke: the call may have run; retry with the same key
    }
    await new Promise((wake) => setTimeout(wake, 250));
  }
  return { status: 0, attempts: 200 };
}

describe("the production topology as processes", () => {
  it("runs the story with a gateway replica killed mid-run: nothing acknowledged lost, nothing run twice", async (context) => {
    if (skipReason !== undefined || stack === undefined || proxy === undefined) return context.skip();
    const live = stack;
    const victim = live.services.find((service) => service.name === "gateway-1");
    expect(victim).toBeDefined();
    let burst: Array<{ status: number; attempts: number }> = [];
    const observed = await runStory(storySystem(live, { work, runs, gatewayUrl: proxy.url }), {
      // While the escalation waits for a person: a burst of side effects, one replica killed.
      waitForPerson: async (card: { escalationId: string }) => {
        const calls: Array<Promise<{ status: number; attempts: number }>> = [];
        for (let i = 0; i < BURST; i += 1) {
          calls.push(sendReceipt(i, live.keys.gatewayClient));
          if (i === BURST / 4) victim?.kill("SIGKILL");
          await new Promise((wake) => setTimeout(wake, 5));
        }
        burst = await Promise.all(calls);
        const press = await pressOnPage({
          approvalsUrl: live.urls.approvalsBridge,
          token: live.approvalsToken,
          escalationId: card.escalationId,
          approver: "alice",
        });
        expect(press.outcome).toBe("counted");
      },
    });
    expect(await victim?.exited).toBe("SIGKILL");
    // Every burst call was acknowledged in the end, and each ran exactly once.
    expect(burst.map((call) => call.status)).toEqual(Array(BURST).fill(200));
    for (let i = 0; i < BURST; i += 1)
      expect(
        runs.filter((line) => line === `send_receipt burst-${RUN}-${i} ops@globex.example`),
        `burst-${i}`,
      ).toHaveLength(1);
    // The story itself: the escalation created before the kill resolved, and its call ran once.
    expect(observed.resolution).toBe("approved");
    expect(observed.steps.map((step: { number: number }) => step.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(runs.filter((line) => line.startsWith("transfer_funds"))).toHaveLength(1);
    expect(runs.filter((line) => line.startsWith("send_receipt inv-1042"))).toHaveLength(1);
    expect(runs.filter((line) => line.startsWith("delete_invoice"))).toHaveLength(0);
    console.info(
      `topology: ${BURST} side effects through 2 replicas, gateway-1 killed after ${BURST / 4 + 1}; ` +
        `retries per call: max ${Math.max(...burst.map((call) => call.attempts)) - 1}`,
    );
  }, 180_000);
});
