import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "./logger.js";

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(
        ...chunk
          .toString()
          .split("\n")
          .filter((l) => l !== ""),
      );
      done();
    },
  });
  return { lines, destination };
}

const SECRET = "s3cr3t-Zq9-never-printed";

describe("createLogger", () => {
  it("writes JSON lines with level labels, at the configured level", () => {
    const { lines, destination } = capture();
    const logger = createLogger({ level: "info", destination });
    logger.debug({ n: 1 }, "hidden");
    logger.info({ url: "http://127.0.0.1:8088" }, "sec0 gateway listening");
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] as string)).toMatchObject({
      level: "info",
      msg: "sec0 gateway listening",
      url: "http://127.0.0.1:8088",
    });
  });

  it("never prints a secret passed in a log object, at any depth", () => {
    const { lines, destination } = capture();
    const logger = createLogger({ level: "trace", destination });
    logger.warn(
      {
        authorization: `Bearer ${SECRET}`,
        headers: {
          authorization: SECRET,
          cookie: `sid=${SECRET}`,
          "x-api-key": SECRET,
          "set-cookie": [SECRET],
        },
        req: { headers: { "proxy-authorization": SECRET } },
        deep: { a: { b: { c: { token: SECRET, client_secret: SECRET, access_token: SECRET } } } },
        audit: { key_ref: `env://${SECRET}`, keyRef: SECRET, privateKey: SECRET, seed: SECRET },
        password: SECRET,
        redis: `redis://default:${SECRET}@redis:6379`,
        list: [{ apiKey: SECRET }],
        err: Object.assign(new Error(`connect to rediss://u:${SECRET}@host failed`), {
          code: "ECONNREFUSED",
        }),
      },
      "constant message",
    );
    expect(lines).toHaveLength(1);
    const line = lines[0] as string;
    expect(line).not.toContain(SECRET);
    const parsed = JSON.parse(line);
    expect(parsed.headers["x-api-key"]).toBe("[redacted]");
    expect(parsed.redis).toBe("redis://default:***@redis:6379");
    expect(parsed.err).toMatchObject({
      code: "ECONNREFUSED",
      message: "connect to rediss://u:***@host failed",
    });
  });

  it("survives cycles without printing them", () => {
    const { lines, destination } = capture();
    const cyclic: Record<string, unknown> = { name: "x" };
    cyclic.self = cyclic;
    createLogger({ level: "info", destination }).info({ cyclic }, "cycle");
    expect(JSON.parse(lines[0] as string).cyclic).toEqual({ name: "x", self: "[redacted]" });
  });
});
