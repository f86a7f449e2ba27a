import { describe, expect, it } from "vitest";
import { createLogFormatter } from "./format-log-line.js";

describe("createLogFormatter", () => {
  it("renders a pino line as time, level, message and fields", () => {
    const format = createLogFormatter();
    const line = JSON.stringify({
      level: 30,
      time: "2026-12-01T12:00:01.000Z",
      pid: 1,
      hostname: "h",
      msg: "sec0 gateway listening",
      url: "http://127.0.0.1:8088",
      targets: ["echo"],
    });
    expect(format(line)).toBe(
      '12:00:01 info  sec0 gateway listening url=http://127.0.0.1:8088 targets=["echo"]',
    );
  });

  it("folds Fastify's two lines of a request into one, without its query string", () => {
    const format = createLogFormatter();
    expect(
      format(
        JSON.stringify({
          level: 30,
          time: 0,
          reqId: "req-1",
          req: { method: "GET", url: "/api/x?wait=30s" },
          msg: "incoming request",
        }),
      ),
    ).toBeUndefined();
    expect(
      format(
        JSON.stringify({
          level: 30,
          time: 0,
          reqId: "req-1",
          res: { statusCode: 200 },
          responseTime: 12.4,
          msg: "request completed",
        }),
      ),
    ).toBe("00:00:00 info  GET /api/x → 200 (12 ms)");
  });

  it("passes other text through, with terminal controls removed", () => {
    const format = createLogFormatter();
    expect(format("sec0-gateway: GATEWAY_APP_CONFIG_INVALID: bad")).toBe(
      "sec0-gateway: GATEWAY_APP_CONFIG_INVALID: bad",
    );
    expect(format("\u001b]0;owned\u0007plain \u001b[31mred")).not.toMatch(
      new RegExp(String.fromCharCode(27)),
    );
    expect(format('{"not json')).toBe('{"not json');
  });
});
