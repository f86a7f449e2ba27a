import { isSec0Error } from "@sec0/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type OAuthTokenServer, startOAuthTokenServer } from "./__fixtures__/oauth-token-server.js";
import type { Broker, BrokerConfig, BrokerOptions } from "./broker-config.js";
import { createBroker } from "./create-broker.js";

const CLIENT_SECRET = "client-secret-Zk93";
const SUBJECT = "caller-token-Qw81";
let server: OAuthTokenServer;
let broker: Broker | undefined;
let now = 1_000_000;

beforeEach(async () => {
  server = await startOAuthTokenServer();
  now = 1_000_000;
});
afterEach(async () => {
  await broker?.close();
  broker = undefined;
  await server.close();
});

function make(entry: Partial<BrokerConfig> = {}, options: BrokerOptions = {}): Broker {
  const config: BrokerConfig = {
    type: "static",
    token_url: server.url,
    client_id: "gateway",
    client_secret_ref: "env://VENDOR_CLIENT_SECRET",
    scope: "tools.call",
    ...entry,
  };
  broker = createBroker(
    { vendor: config },
    {
      env: { VENDOR_CLIENT_SECRET: CLIENT_SECRET },
      clock: { now: () => now },
      allowInsecureHttp: true,
      tokenTimeoutMs: 300,
      ...options,
    },
  );
  return broker;
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: unknown) => error,
  );
}

function expectSecretFree(error: unknown, ...secrets: string[]): void {
  expect(isSec0Error(error, "GATEWAY_BROKER_UNAVAILABLE")).toBe(true);
  for (const secret of secrets) {
    expect(String(error)).not.toContain(secret);
    expect(JSON.stringify(error)).not.toContain(secret);
  }
}

describe("client credentials (RFC 6749 §4.4)", () => {
  it("fetches a token with client_secret_basic and caches it", async () => {
    const vendor = make();
    expect(await vendor.headersFor("vendor", "search")).toEqual({ authorization: "Bearer token-1" });
    expect(await vendor.headersFor("vendor", "search")).toEqual({ authorization: "Bearer token-1" });
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(Object.fromEntries(request!.form)).toEqual({
      grant_type: "client_credentials",
      scope: "tools.call",
    });
    expect(request!.authorization).toBe(
      `Basic ${Buffer.from(`gateway:${CLIENT_SECRET}`).toString("base64")}`,
    );
  });

  it("refreshes the token once expires_in minus the margin has passed", async () => {
    server.expiresIn = 120;
    const vendor = make({}, { refreshMarginSec: 30 });
    await vendor.headersFor("vendor", "search");
    now += 89_000;
    expect(await vendor.headersFor("vendor", "search")).toEqual({ authorization: "Bearer token-1" });
    now += 1_000;
    expect(await vendor.headersFor("vendor", "search")).toEqual({ authorization: "Bearer token-2" });
    expect(server.requests).toHaveLength(2);
  });

  it("makes one token request for 50 concurrent calls", async () => {
    const vendor = make();
    const all = await Promise.all(Array.from({ length: 50 }, () => vendor.headersFor("vendor", "search")));
    expect(new Set(all.map((headers) => headers.authorization))).toEqual(new Set(["Bearer token-1"]));
    expect(server.requests).toHaveLength(1);
  });

  it("fails every waiter of a failed request, then retries on the next call", async () => {
    server.respond = (_request, response) => response.writeHead(503).end();
    const vendor = make();
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () => vendor.headersFor("vendor", "search")),
    );
    expect(results.every((result) => result.status === "rejected")).toBe(true);
    expect(server.requests).toHaveLength(1);
    server.respond = (_request, response) =>
      response.end(JSON.stringify({ access_token: "fresh", expires_in: 60 }));
    expect(await vendor.headersFor("vendor", "search")).toEqual({ authorization: "Bearer fresh" });
  });
});

describe("token exchange (RFC 8693)", () => {
  it("exchanges the caller's token, caching per caller", async () => {
    const vendor = make({ type: "oidc_on_behalf", audience: "https://vendor.example", scope: undefined });
    expect(await vendor.headersFor("vendor", "search", { subjectToken: SUBJECT })).toEqual({
      authorization: "Bearer token-1",
    });
    expect(await vendor.headersFor("vendor", "search", { subjectToken: SUBJECT })).toEqual({
      authorization: "Bearer token-1",
    });
    expect(await vendor.headersFor("vendor", "search", { subjectToken: "another-caller" })).toEqual({
      authorization: "Bearer token-2",
    });
    expect(Object.fromEntries(server.requests[0]!.form)).toEqual({
      grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
      subject_token: SUBJECT,
      subject_token_type: "urn:ietf:params:oauth:token-type:access_token",
      audience: "https://vendor.example",
    });
  });

  it("refuses a call without a caller token, without asking the endpoint", async () => {
    const vendor = make({ type: "oidc_on_behalf" });
    const error = await failure(vendor.headersFor("vendor", "search"));
    expect(error).toMatchObject({
      code: "GATEWAY_BROKER_UNAVAILABLE",
      details: { reason: "subject_token_missing" },
    });
    expect(server.requests).toHaveLength(0);
  });
});

describe("token endpoint failures are GATEWAY_BROKER_UNAVAILABLE and leak nothing", () => {
  const leaky = JSON.stringify({
    error: "server_error",
    access_token: "leaked-token-Hh27",
    detail: CLIENT_SECRET,
  });

  it("500 with a body holding a token", async () => {
    server.respond = (_request, response) =>
      response.writeHead(500, { "content-type": "application/json" }).end(leaky);
    const error = await failure(
      make({ type: "oidc_on_behalf" }).headersFor("vendor", "search", { subjectToken: SUBJECT }),
    );
    expect(error).toMatchObject({
      details: { reason: "token_endpoint_status", status: 500, oauthError: "server_error" },
    });
    expectSecretFree(error, "leaked-token-Hh27", CLIENT_SECRET, SUBJECT);
  });

  it("garbage, a token that is not a string, and a DPoP token type", async () => {
    for (const body of [
      "<html>leaked-token-Hh27</html>",
      '{"access_token":42}',
      '{"access_token":"leaked-token-Hh27","token_type":"DPoP"}',
    ]) {
      server.respond = (_request, response) => response.writeHead(200).end(body);
      const vendor = make();
      const error = await failure(vendor.headersFor("vendor", "search"));
      expect(error).toMatchObject({ details: { reason: "token_response_invalid" } });
      expectSecretFree(error, "leaked-token-Hh27", CLIENT_SECRET);
      await vendor.close();
    }
  });

  it("an endpoint that is slower than the timeout", async () => {
    server.respond = (_request, response) =>
      setTimeout(() => response.end('{"access_token":"late"}'), 2000).unref();
    const started = Date.now();
    const error = await failure(make().headersFor("vendor", "search"));
    expect(error).toMatchObject({ details: { reason: "token_endpoint_timeout" } });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it("an endpoint that is down", async () => {
    const url = server.url;
    await server.close();
    const vendor = make({ token_url: url });
    const error = await failure(vendor.headersFor("vendor", "search"));
    expect(error).toMatchObject({ details: { reason: "token_endpoint_unreachable" } });
    expectSecretFree(error, CLIENT_SECRET);
    server = await startOAuthTokenServer(); // for afterEach
  });

  it("an unset client secret", async () => {
    const error = await failure(make({}, { env: {} }).headersFor("vendor", "search"));
    expect(error).toMatchObject({ details: { reason: "secret_missing", ref: "env://VENDOR_CLIENT_SECRET" } });
    expect(server.requests).toHaveLength(0);
  });
});

describe("logging", () => {
  it("logs failures with server, tool and reason only, and never a token or secret", async () => {
    const lines: string[] = [];
    const record = (obj: object, msg: string) => void lines.push(JSON.stringify({ obj, msg }));
    const logger = { debug: record, info: record, warn: record, error: record };
    const vendor = make({ type: "oidc_on_behalf" }, { logger });
    await vendor.headersFor("vendor", "search", { subjectToken: SUBJECT });
    server.respond = (_request, response) =>
      response.writeHead(500).end('{"access_token":"leaked-token-Hh27"}');
    await failure(vendor.headersFor("vendor", "search", { subjectToken: "second-caller-Jj09" }));
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] as string)).toMatchObject({
      obj: { server: "vendor", tool: "search", reason: "token_endpoint_status" },
    });
    for (const secret of ["token-1", "leaked-token-Hh27", SUBJECT, "second-caller-Jj09", CLIENT_SECRET]) {
      expect(lines.join("\n")).not.toContain(secret);
    }
  });
});

describe("token endpoint configuration", () => {
  it("requires https unless allowInsecureHttp", () => {
    expect(() => make({}, { allowInsecureHttp: false })).toThrow(
      expect.objectContaining({ code: "GATEWAY_BROKER_CONFIG_INVALID" }),
    );
    expect(() => make({ client_id: undefined })).toThrow(/client_id/);
  });
});
