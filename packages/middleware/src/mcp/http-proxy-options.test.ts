import { describe, expect, it } from "vitest";
import { HTTP_PROXY_DEFAULTS, isLoopbackHost, resolveHttpProxyOptions } from "./http-proxy-options.js";

describe("resolveHttpProxyOptions", () => {
  it("fills in the defaults on loopback without a token", () => {
    expect(resolveHttpProxyOptions({ port: 0 })).toEqual({
      port: 0,
      token: undefined,
      ...HTTP_PROXY_DEFAULTS,
    });
  });

  it("names the field of a limit that is not a whole number ≥ 1", () => {
    for (const [field, value] of [
      ["maxSessions", 0],
      ["idleTimeoutMs", 1.5],
      ["maxBodyBytes", -1],
      ["maxInFlightPerSession", Number.NaN],
    ] as const) {
      expect(() => resolveHttpProxyOptions({ port: 0, [field]: value })).toThrow(
        expect.objectContaining({
          code: "MIDDLEWARE_PROXY_OPTIONS_INVALID",
          details: expect.objectContaining({ field }),
        }),
      );
    }
  });

  it("accepts a non-loopback host with a token of 16 characters or more, and refuses whitespace", () => {
    expect(resolveHttpProxyOptions({ port: 0, host: "0.0.0.0", token: "a".repeat(16) }).host).toBe("0.0.0.0");
    expect(() => resolveHttpProxyOptions({ port: 0, token: `${"a".repeat(16)} b` })).toThrow(
      expect.objectContaining({ code: "MIDDLEWARE_PROXY_OPTIONS_INVALID" }),
    );
  });
});

describe("isLoopbackHost", () => {
  it.each([
    ["127.0.0.1", true],
    ["127.5.6.7", true],
    ["localhost", true],
    ["::1", true],
    ["[::1]", true],
    ["::ffff:127.0.0.1", true],
    ["0.0.0.0", false],
    ["::", false],
    ["192.168.1.10", false],
    ["localhost.evil.example", false],
    ["example.com", false],
  ])("%s → %s", (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });
});
