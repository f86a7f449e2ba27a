// The gateway client moved to @sec0/guard (its tests are there, beside it); @sec0/middleware keeps
// exporting it under the same names, as the same functions.
import * as guard from "@sec0/guard";
import { describe, expect, it } from "vitest";
import * as middleware from "./index.js";

describe("the gateway client re-exported by @sec0/middleware", () => {
  it("is @sec0/guard's client, not a copy", () => {
    expect(middleware.callToolViaGateway).toBe(guard.callToolViaGateway);
    expect(middleware.callToolViaGatewayWithAgent).toBe(guard.callToolViaGatewayWithAgent);
    expect(middleware.GATEWAY_CALL_TIMEOUT_MS).toBe(60_000);
  });

  it("keeps the client's codes in MIDDLEWARE_ERRORS, with the meaning GUARD_ERRORS gives them", () => {
    const codes = Object.keys(guard.GUARD_ERRORS).filter((code) => code.startsWith("MIDDLEWARE_GATEWAY_"));
    expect(codes.sort()).toEqual([
      "MIDDLEWARE_GATEWAY_ERROR",
      "MIDDLEWARE_GATEWAY_REQUEST_INVALID",
      "MIDDLEWARE_GATEWAY_TIMEOUT",
      "MIDDLEWARE_GATEWAY_TRACE_MISSING",
      "MIDDLEWARE_GATEWAY_UNREACHABLE",
    ]);
    for (const code of codes) {
      expect(middleware.MIDDLEWARE_ERRORS[code as keyof typeof middleware.MIDDLEWARE_ERRORS]).toBe(
        guard.GUARD_ERRORS[code as keyof typeof guard.GUARD_ERRORS],
      );
    }
  });

  it("still refuses a call without a cause with MIDDLEWARE_GATEWAY_REQUEST_INVALID", async () => {
    const params = { gatewayBaseUrl: "http://127.0.0.1:1", server: "files", toolAtVersion: "write@1.0" };
    await expect(
      middleware.callToolViaGateway(params as Parameters<typeof middleware.callToolViaGateway>[0]),
    ).rejects.toMatchObject({ code: "MIDDLEWARE_GATEWAY_REQUEST_INVALID", details: { field: "cause" } });
  });
});
