// Hostile input at the gateway: naughty strings as server and tool names, oversized and forged
// headers. Each gets a clear 4xx/5xx answer with hop ids, an audit record, and no upstream call;
// none crashes the gateway or reaches a log or header unescaped.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  callHeaders,
  type GatewayUnderTest,
  startGatewayUnderTest,
} from "../__fixtures__/gateway-under-test.js";

// A sample of the Big List of Naughty Strings' families: reserved words, unicode, RTL and
// zero-width characters, emoji, SQL and script injection, path traversal, format strings, long.
const NAUGHTY = [
  "undefined",
  "__proto__",
  "constructor",
  "\u202Etool",
  "t\u200Bool",
  "👾🙇💁",
  "' OR 1=1 --",
  "<script>alert(1)</script>",
  "../../etc/passwd",
  "%00",
  "%s%s%s%n",
  "${jndi:ldap://127.0.0.1/a}",
  "ﾟ･✿ヾ╲(｡◕‿◕｡)╱✿･ﾟ",
  "Ṱ̺̺̕o͞ ̷i̲̬͇̪͙n̝̗͕v̟̜̘̦͟o̶̙̰̠kè͚̮̺̪̹̱̤ ̖t̝͕̳̣̻̪͞h̼͓̲̦̳̘̲e͇̣̰̦̬͎ ̢̼̻̱̘h͚͎͙̜̣̲ͅi̦̲̣̰̤v̻͍e̺̭̳̪̰-m̢iͅn̖̺̞̲̯̰d̵̼̟͙̩̼̘̳ ̞̥̱̳̭r̛̗̘e͙p͠r̼̞̻̭̗e̺̠̣͟s̘͇̳͍̝͉e͉̥̯̞̲͚̬͜ǹ̬͎͎̟̖͇̤t͍̬̤͓̼̭͘ͅi̪̱n͠g̴͉ ͏͉ͅc̬̟h͡a̫̻̯͘o̫̟̖͍̙̝͉s̗̦̲.̨̹͈̣",
  "x".repeat(400),
];

let gw: GatewayUnderTest;
beforeAll(async () => {
  gw = await startGatewayUnderTest({ enforcement: { mode: "enforce" } });
});
afterAll(async () => gw?.close());

describe("naughty strings as names", () => {
  it.each(NAUGHTY.map((s) => [s]))("as a tool name: %s", async (name) => {
    const before = gw.upstream.calls.length;
    const res = await gw.app.inject({
      method: "POST",
      url: `/mcp/files/${encodeURIComponent(name)}@1`,
      headers: callHeaders(),
      payload: {},
    });
    expect(res.statusCode).toBeLessThan(600);
    expect(res.headers["x-trace-id"]).toMatch(/^[0-9a-f]{32}$/);
    // A printable name is a tool like any other (the upstream may not have it); the rest is refused.
    if (res.statusCode !== 200) expect(gw.upstream.calls.length).toBe(before);
    expect([200, 400, 404, 414]).toContain(res.statusCode);
  });

  it.each(NAUGHTY.map((s) => [s]))("as a server name: %s", async (name) => {
    const before = gw.upstream.calls.length;
    const res = await gw.app.inject({
      method: "POST",
      url: `/mcp/${encodeURIComponent(name)}/read@1`,
      headers: callHeaders(),
      payload: {},
    });
    expect([400, 404, 414, 502]).toContain(res.statusCode);
    expect(res.headers["x-trace-id"]).toMatch(/^[0-9a-f]{32}$/);
    expect(gw.upstream.calls.length).toBe(before);
    expect(res.json().error).toMatch(/^[A-Z_]+$/);
  });
});

describe("hostile headers", () => {
  it("refuses agent state over its size limit when enforcing, without calling upstream", async () => {
    const before = gw.upstream.calls.length;
    const res = await gw.app.inject({
      method: "POST",
      url: "/mcp/files/read@1",
      headers: { ...callHeaders(), "x-agent-state": "A".repeat(20_000) },
      payload: {},
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ denial_reason: "agent_state_invalid" });
    expect(gw.upstream.calls.length).toBe(before);
  });

  it("does not forward a forged x-auth-context or x-sec0-gateway: the gateway writes its own", async () => {
    const res = await gw.app.inject({
      method: "POST",
      url: "/mcp/files/read@1",
      headers: {
        ...callHeaders(),
        "x-auth-context": '{"scheme":"prehashed","user_hash":"admin"}',
        "x-sec0-gateway": "evil",
      },
      payload: {},
    });
    expect(res.statusCode).toBe(200);
    const sent = gw.upstream.calls.at(-1)?.headers;
    expect(sent?.["x-auth-context"]).not.toContain("admin");
    expect(sent?.["x-sec0-gateway"]).toBe("test-gateway@1.0.0");
  });

  it("ignores malformed cause ids instead of recording them", async () => {
    const res = await gw.app.inject({
      method: "POST",
      url: "/mcp/files/read@1",
      headers: { ...callHeaders(), "x-cause-trace": "not-hex\u00ff", "x-cause-span": "0".repeat(16) },
      payload: {},
    });
    expect(res.statusCode).toBe(200);
    expect(JSON.stringify(gw.records.at(-1))).not.toContain("not-hex");
  });
});
