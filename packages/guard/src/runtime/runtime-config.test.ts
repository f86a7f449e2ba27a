import { isSec0Error } from "@sec0/core";
import { describe, expect, it } from "vitest";
import { RUNTIME_DEFAULTS, resolveRuntimeConfig } from "./runtime-config.js";

describe("resolveRuntimeConfig", () => {
  it("defaults to local decisions with 0.2.3's remote settings", () => {
    expect(resolveRuntimeConfig()).toEqual({
      mode: "local",
      failureMode: "local",
      endpoint: undefined,
      authorization: undefined,
      timeoutMs: 1500,
      maxRetries: 1,
      retryBackoffMs: 150,
      headers: {},
    });
    expect(RUNTIME_DEFAULTS.timeoutMs).toBe(1500);
  });

  it("reads every SEC0_RUNTIME_* variable", () => {
    const config = resolveRuntimeConfig(
      {},
      {
        SEC0_RUNTIME_MODE: "REMOTE",
        SEC0_RUNTIME_FAILURE_MODE: "deny",
        SEC0_RUNTIME_REMOTE_URL: "https://rt.example.com",
        SEC0_RUNTIME_TIMEOUT_MS: "900",
        SEC0_RUNTIME_MAX_RETRIES: "3",
        SEC0_RUNTIME_RETRY_BACKOFF_MS: "20",
        SEC0_RUNTIME_API_KEY: "sec0_abcdefgh",
      },
    );
    expect(config).toEqual({
      mode: "remote",
      failureMode: "deny",
      endpoint: "https://rt.example.com/v1/runtime/evaluate",
      authorization: "Bearer sec0_abcdefgh",
      timeoutMs: 900,
      maxRetries: 3,
      retryBackoffMs: 20,
      headers: {},
    });
  });

  it("lets config win over the environment and keeps an explicit path", () => {
    const config = resolveRuntimeConfig(
      {
        mode: "remote",
        failureMode: "allow",
        remote: {
          endpoint: "http://127.0.0.1:9/custom/evaluate",
          apiKey: "Bearer k",
          timeoutMs: 10,
          maxRetries: 0,
          retryBackoffMs: 0,
          headers: { "x-extra": "1" },
        },
      },
      {
        SEC0_RUNTIME_MODE: "local",
        SEC0_RUNTIME_FAILURE_MODE: "deny",
        SEC0_RUNTIME_REMOTE_URL: "https://ignored.example",
        SEC0_RUNTIME_TIMEOUT_MS: "5000",
        SEC0_RUNTIME_MAX_RETRIES: "4",
        SEC0_RUNTIME_API_KEY: "other",
      },
    );
    expect(config).toMatchObject({
      mode: "remote",
      failureMode: "allow",
      endpoint: "http://127.0.0.1:9/custom/evaluate",
      authorization: "Bearer k",
      timeoutMs: 10,
      maxRetries: 0,
      retryBackoffMs: 0,
      headers: { "x-extra": "1" },
    });
  });

  it("names the field or variable of a bad value", () => {
    const cases: [() => unknown, string][] = [
      [() => resolveRuntimeConfig({}, { SEC0_RUNTIME_MODE: "cloud" }), "SEC0_RUNTIME_MODE"],
      [() => resolveRuntimeConfig({}, { SEC0_RUNTIME_TIMEOUT_MS: "1.5s" }), "SEC0_RUNTIME_TIMEOUT_MS"],
      [() => resolveRuntimeConfig({ remote: { maxRetries: 99 } }), "remote.maxRetries"],
      [() => resolveRuntimeConfig({ mode: "remote" }), "remote.endpoint"],
      [() => resolveRuntimeConfig({ remote: { endpoint: "not a url" } }), "remote.endpoint"],
      [() => resolveRuntimeConfig({ failureMode: "open" as never }), "failureMode"],
    ];
    for (const [run, field] of cases) {
      try {
        run();
        expect.unreachable(field);
      } catch (error) {
        expect(isSec0Error(error, "GUARD_CONFIG_INVALID")).toBe(true);
        expect((error as { details: { field: string } }).details.field).toBe(field);
      }
    }
  });
});
