// AP2 mandates through the gateway (hostile callers): a forged, missing or mismatched mandate is
// refused before the upstream runs; a valid one reaches it with the derived x-ap2-* headers.
import { createServer } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import {
  callHeaders,
  type GatewayUnderTest,
  startGatewayUnderTest,
} from "../__fixtures__/gateway-under-test.js";
import { ARGS, didKeyOf, newKey, sign, type TestKey } from "./__fixtures__/ap2-fixtures.js";
import { ap2IdempotencyKey } from "./ap2-idempotency-key.js";

let gw: GatewayUnderTest;
afterEach(async () => gw?.close());

const now = () => Math.floor(Date.now() / 1000);
const intent = (iss: string) => ({
  jti: "intent-1",
  iss,
  sub: "did:key:user",
  exp: now() + 600,
  constraints: { max: 5000 },
});
const cart = (iss: string, args: unknown = ARGS) => ({
  jti: "cart-1",
  iss,
  sub: "did:key:user",
  intent_id: "intent-1",
  exp: now() + 600,
  args,
});

async function start(issuer: TestKey) {
  gw = await startGatewayUnderTest({
    targets: { shop: "" },
    enforcement: { mode: "enforce" },
    security: {
      ap2: { mode: "full", trusted_issuers: [didKeyOf(issuer)], tools: { allow: ["mcp://shop/buy@*"] } },
    },
  });
}

async function mandates(signer: TestKey, iss: string, args: unknown = ARGS) {
  const kid = `${iss}#${iss.slice("did:key:".length)}`;
  const intentJws = await sign(signer, intent(iss), { kid });
  const cartJws = await sign(signer, cart(iss, args), { kid });
  return { intentJws, cartJws };
}

describe("AP2 at the gateway", () => {
  it("forwards a call whose mandates verify, with the derived ids", async () => {
    const issuer = await newKey("EdDSA");
    gw = await startGatewayUnderTest({
      enforcement: { mode: "enforce" },
      security: {
        ap2: { mode: "full", trusted_issuers: [didKeyOf(issuer)], tools: { allow: ["mcp://files/buy@*"] } },
      },
    });
    const { intentJws, cartJws } = await mandates(issuer, didKeyOf(issuer));
    const res = await gw.app.inject({
      method: "POST",
      url: "/mcp/files/buy@1",
      headers: {
        ...callHeaders(ap2IdempotencyKey(cartJws)),
        "x-ap2-intent-mandate": intentJws,
        "x-ap2-cart-mandate": cartJws,
      },
      payload: ARGS,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(gw.upstream.calls[0]?.headers["x-ap2-cart-id"]).toBe("cart-1");
    expect(gw.upstream.calls[0]?.headers["x-ap2-issuer-did"]).toBe(didKeyOf(issuer));
  });

  it.each([
    ["signed by another key under the trusted issuer's name", "forged"],
    ["without mandates", "missing"],
    ["with cart arguments that are not the call's", "args"],
    ["with an idempotency key that is not the cart digest", "key"],
  ])("refuses a call %s and never runs it", async (_, mode) => {
    const issuer = await newKey("EdDSA");
    const attacker = await newKey("EdDSA");
    gw = await startGatewayUnderTest({
      enforcement: { mode: "enforce" },
      security: {
        ap2: { mode: "full", trusted_issuers: [didKeyOf(issuer)], tools: { allow: ["mcp://files/buy@*"] } },
      },
    });
    const signer = mode === "forged" ? attacker : issuer;
    const { intentJws, cartJws } = await mandates(
      signer,
      didKeyOf(issuer),
      mode === "args" ? { ...ARGS, quantity: 99 } : ARGS,
    );
    const headers: Record<string, string> = callHeaders(
      mode === "key" ? "not-the-digest" : ap2IdempotencyKey(cartJws),
    );
    if (mode !== "missing")
      Object.assign(headers, { "x-ap2-intent-mandate": intentJws, "x-ap2-cart-mandate": cartJws });
    const res = await gw.app.inject({ method: "POST", url: "/mcp/files/buy@1", headers, payload: ARGS });
    expect(res.statusCode).toBe(403);
    expect(res.json().denial_reason).toMatch(/^ap2_/);
    expect(gw.upstream.calls).toHaveLength(0);
  });

  it("tells security.ap2.policy_webhook_url of a refused mandate (0.2.3's ap2.denied event)", async () => {
    const events: Array<Record<string, unknown>> = [];
    const hook = createServer((req, res) => {
      let text = "";
      req.on("data", (c: Buffer) => {
        text += c;
      });
      req.on("end", () => {
        events.push(JSON.parse(text) as Record<string, unknown>);
        res.end();
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, "127.0.0.1", resolve));
    const issuer = await newKey("EdDSA");
    gw = await startGatewayUnderTest({
      enforcement: { mode: "enforce" },
      security: {
        ap2: {
          mode: "full",
          trusted_issuers: [didKeyOf(issuer)],
          tools: { allow: ["mcp://files/buy@*"] },
          policy_webhook_url: `http://127.0.0.1:${(hook.address() as { port: number }).port}/ap2`,
        },
      },
    });
    const res = await gw.app.inject({
      method: "POST",
      url: "/mcp/files/buy@1",
      headers: callHeaders(),
      payload: ARGS,
    });
    expect(res.statusCode).toBe(403);
    for (let i = 0; i < 50 && events.length === 0; i += 1) await new Promise((r) => setTimeout(r, 20));
    hook.close();
    expect(events[0]).toMatchObject({ event: "ap2.denied", tenant: "acme", server: "files", tool: "buy@1" });
    expect(events[0]?.reasons).toEqual(expect.arrayContaining([expect.stringMatching(/^ap2_/)]));
  });

  it("leaves tools outside ap2.tools.allow alone", async () => {
    const issuer = await newKey("EdDSA");
    await start(issuer).catch(() => undefined);
    gw = await startGatewayUnderTest({
      enforcement: { mode: "enforce" },
      security: {
        ap2: { mode: "full", trusted_issuers: [didKeyOf(issuer)], tools: { allow: ["mcp://files/buy@*"] } },
      },
    });
    const res = await gw.app.inject({
      method: "POST",
      url: "/mcp/files/read@1",
      headers: callHeaders(),
      payload: {},
    });
    expect(res.statusCode).toBe(200);
  });
});
