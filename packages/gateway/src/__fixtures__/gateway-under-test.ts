// A gateway on 127.0.0.1 in front of a test upstream, with an in-memory audit sink.
import { createMemoryAuditSink } from "@sec0/testkit";
import Fastify, { type FastifyInstance } from "fastify";
import { createGateway } from "../create-gateway.js";
import type { GatewayOptions } from "../gateway-options.js";
import { sec0Gateway } from "../http/gateway-plugin.js";
import { startUpstream, type TestUpstream } from "./upstream.js";

export interface GatewayUnderTest {
  readonly app: FastifyInstance;
  readonly upstream: TestUpstream;
  readonly records: Record<string, unknown>[];
  close(): Promise<void>;
}

/** Starts an upstream and a gateway routing server `files` to it; `overrides` win. */
export async function startGatewayUnderTest(overrides: Partial<GatewayOptions> = {}): Promise<GatewayUnderTest> {
  const upstream = await startUpstream();
  const sink = createMemoryAuditSink();
  const runtime = createGateway({
    tenant: "acme",
    targets: { files: upstream.url },
    audit: { append: () => undefined, gatewayName: "test-gateway", gatewayVersion: "1.0.0" },
    auditSink: sink,
    ...overrides,
  });
  const app = Fastify({ bodyLimit: runtime.limits.maxBodyBytes, routerOptions: { maxParamLength: 4096 } });
  await app.register(sec0Gateway, { runtime });
  await app.ready();
  return {
    app,
    upstream,
    records: sink.records as Record<string, unknown>[],
    async close() {
      await app.close();
      await upstream.close();
    },
  };
}

/** Headers of a well-formed call: an idempotency key and agent-state headers. */
export function callHeaders(key = `k-${Math.random().toString(36).slice(2)}`): Record<string, string> {
  return { "content-type": "application/json", "x-idempotency-key": key, "x-node-id": "planner", "x-agent-ref": "run-1" };
}
