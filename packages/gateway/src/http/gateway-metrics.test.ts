// The gateway's metrics under 0.2.3's names, read through a MeterProvider registered for this file.
import { metrics } from "@opentelemetry/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  callHeaders,
  type GatewayUnderTest,
  startGatewayUnderTest,
} from "../__fixtures__/gateway-under-test.js";
import { GATEWAY_METER_NAME } from "./gateway-metrics.js";

const seen: Array<{ name: string; value: number; attributes: Record<string, unknown> }> = [];
const instrument = (name: string) => {
  const push = (value: number, attributes: Record<string, unknown> = {}) =>
    seen.push({ name, value, attributes });
  return { add: push, record: push };
};
const meters: string[] = [];
let gw: GatewayUnderTest;

beforeAll(async () => {
  metrics.setGlobalMeterProvider({
    getMeter: (name: string) => {
      meters.push(name);
      return { createCounter: instrument, createHistogram: instrument } as never;
    },
  });
  gw = await startGatewayUnderTest({
    enforcement: { mode: "enforce" },
    entitlements: { tenants: { acme: { allowlist: ["mcp://files/read@*"] } } },
  });
});
afterAll(async () => {
  await gw?.close();
  metrics.disable();
});

describe("gateway metrics", () => {
  it("counts calls by outcome, denials by reason, and records latency", async () => {
    await gw.app.inject({ method: "POST", url: "/mcp/files/read@1", headers: callHeaders(), payload: {} });
    await gw.app.inject({ method: "POST", url: "/mcp/files/write@1", headers: callHeaders(), payload: {} });
    await gw.app.inject({ method: "POST", url: "/mcp/files/read@1", headers: callHeaders(), payload: "[" });
    expect(meters).toContain(GATEWAY_METER_NAME);
    const calls = seen.filter((s) => s.name === "sec0_gateway_calls_total").map((s) => s.attributes.outcome);
    expect(calls).toEqual(["allow", "deny", "deny"]);
    const denials = seen
      .filter((s) => s.name === "sec0_gateway_denials_total")
      .map((s) => s.attributes.reason);
    expect(denials).toEqual(["tool_not_in_allowlist", "request_invalid"]);
    expect(seen.filter((s) => s.name === "sec0_gateway_latency_ms").length).toBeGreaterThanOrEqual(2);
  });
});
