// The local approvals page on 127.0.0.1 (real HTTP, a control plane speaking the real protocol):
// the token is required (Bearer or the cookie `?token=` sets, CSRF header on cookie POSTs), a
// created escalation becomes a pending card, an approve becomes a control-plane vote that
// finalizes it, and every press that must not count is refused. Hostile card text only ever
// leaves as JSON; the HTML holds none of it and carries a strict, per-response CSP.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createMemoryAuditSink } from "@sec0/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { BEARER, createdEvent, SECRET, signedHeaders } from "../__fixtures__/bridge-fixtures.js";
import { parseBridgeConfig } from "../config/load-bridge-config.js";
import { type ApprovalsBridge, createApprovalsBridge } from "../create-approvals-bridge.js";
import { createBridgeLogger } from "../logger.js";
import { createMemoryBridgeState } from "../state/memory-bridge-state.js";
import { type FakeControlPlane, startFakeControlPlane } from "./__fixtures__/fake-control-plane.js";

const TOKEN = "local-page-token-0123456789abcdef";
const HOSTILE_CONTENT = '<script>alert(1)</script> "><img src=x onerror=alert(2)>';
const HOSTILE_TOOL = 'mcp://"><img src=x onerror=alert(3)>/<script>alert(4)</script>';

let controlPlane: FakeControlPlane;
let bridge: ApprovalsBridge;
let url = "";
const audit = createMemoryAuditSink();

beforeAll(async () => {
  controlPlane = await startFakeControlPlane();
  const config = parseBridgeConfig({
    control_plane: { url: controlPlane.server.baseUrl, timeout_ms: 2000 },
    webhook: { bearer_token_ref: "env://B", shared_secret_ref: "env://S" },
    local: { token_ref: "env://L" },
    tenants: {
      acme: { control_plane_key_ref: "env://K1" },
      globex: { control_plane_key_ref: "env://K2" },
    },
    approvers: [
      { id: "alice", tenants: ["acme"], local: true },
      { id: "bob", tenants: ["acme"], discord: ["5"] },
      { id: "carol", tenants: ["globex"], local: true },
    ],
  });
  bridge = createApprovalsBridge({
    config,
    secrets: {
      webhookBearer: BEARER,
      webhookSecret: SECRET,
      localToken: TOKEN,
      tenantKeys: new Map([
        ["acme", "sec0_acme_key"],
        ["globex", "sec0_globex_key"],
      ]),
    },
    state: createMemoryBridgeState(),
    audit,
    logger: createBridgeLogger("silent"),
  });
  url = (await bridge.app.listen({ host: "127.0.0.1", port: 0 })).replace(/\/$/, "");
});

afterAll(async () => {
  await bridge?.close();
  await controlPlane?.close();
});

const bearer = { authorization: `Bearer ${TOKEN}` };

async function announce(id: string, fields: Record<string, unknown> = {}): Promise<void> {
  controlPlane.escalations.set(id, {
    id,
    status: "pending",
    violation: "egress_violation",
    severity: "high",
    content: "refund 40 EUR",
    tool_ref: "guard:api_call:https://evil.example/pay",
    expires_at: new Date(Date.now() + 600_000).toISOString(),
    approvals: 0,
    rejections: 0,
    ...fields,
  });
  const body = createdEvent(id);
  const reply = await fetch(`${url}/webhooks/escalations`, {
    method: "POST",
    body,
    headers: signedHeaders(body),
  });
  expect(reply.status).toBe(202);
}

function vote(id: string, body: unknown, headers: Record<string, string> = bearer) {
  return fetch(`${url}/local/api/cards/${id}/votes`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

async function signIn(): Promise<string> {
  const reply = await fetch(`${url}/local/?token=${TOKEN}`, { redirect: "manual" });
  expect(reply.status).toBe(303);
  return (reply.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
}

describe("the local approvals page: the token", () => {
  it("refuses the API without a Bearer token or with a wrong one (401, token never echoed)", async () => {
    for (const headers of [
      {},
      { authorization: `Bearer ${TOKEN}x` },
      { authorization: "Basic Zm9vOmJhcg==" },
    ]) {
      const reply = await fetch(`${url}/local/api/cards`, { headers });
      expect(reply.status).toBe(401);
      const body = await reply.text();
      expect(JSON.parse(body)).toMatchObject({
        error: "BRIDGE_LOCAL_UNAUTHORIZED",
        message: expect.any(String),
      });
      expect(body).not.toContain(TOKEN);
    }
    expect((await vote("esc_x", { verdict: "approve", approver: "alice" }, {})).status).toBe(401);
    expect((await fetch(`${url}/local/api/cards`, { headers: bearer })).status).toBe(200);
  });

  it("signs a browser in with ?token= (HttpOnly, SameSite=Strict cookie, 303 to /local/) and refuses a wrong one", async () => {
    const wrong = await fetch(`${url}/local/?token=nope`, { redirect: "manual" });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("set-cookie")).toBeNull();
    const noCookie = await fetch(`${url}/local/`);
    expect(noCookie.status).toBe(401);
    expect(await noCookie.text()).toContain("?token=");
    const reply = await fetch(`${url}/local/?token=${encodeURIComponent(TOKEN)}`, { redirect: "manual" });
    expect(reply.status).toBe(303);
    expect(reply.headers.get("location")).toBe("/local/");
    const setCookie = reply.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/^sec0_local=[^;]+; HttpOnly; SameSite=Strict; Path=\/local$/);
    expect(setCookie).not.toContain(TOKEN);
    const cookie = setCookie.split(";")[0] ?? "";
    const page = await fetch(`${url}/local/`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    expect((await fetch(`${url}/local/api/cards`, { headers: { cookie } })).status).toBe(200);
    expect((await fetch(`${url}/local/api/cards`, { headers: { cookie: "sec0_local=forged" } })).status).toBe(
      401,
    );
  });

  it("refuses a cookie-only POST without x-sec0-local: 1 (403), and takes it with the header", async () => {
    const cookie = await signIn();
    const csrf = await vote("esc_nothing", { verdict: "approve", approver: "alice" }, { cookie });
    expect(csrf.status).toBe(403);
    expect(await csrf.json()).toMatchObject({ error: "BRIDGE_LOCAL_CSRF" });
    const withHeader = await vote(
      "esc_nothing",
      { verdict: "approve", approver: "alice" },
      { cookie, "x-sec0-local": "1" },
    );
    expect(withHeader.status).toBe(409);
    expect(await withHeader.json()).toMatchObject({ outcome: "refused", reason: "unknown_escalation" });
  });
});

describe("the local approvals page: cards and votes", () => {
  it("shows a created escalation as a pending card, with the local approvers", async () => {
    await announce("esc_local_1");
    const reply = await fetch(`${url}/local/api/cards`, { headers: bearer });
    const body = (await reply.json()) as { cards: Array<Record<string, unknown>>; approvers: string[] };
    expect(body.approvers).toEqual(["alice", "carol"]);
    expect(body.cards[0]).toMatchObject({
      escalationId: "esc_local_1",
      tenantId: "acme",
      status: "pending",
      severity: "high",
      toolRef: "guard:api_call:https://evil.example/pay",
    });
    const one = await fetch(`${url}/local/api/cards/esc_local_1`, { headers: bearer });
    expect(await one.json()).toMatchObject({ card: { escalationId: "esc_local_1" } });
    const missing = await fetch(`${url}/local/api/cards/esc_unknown`, { headers: bearer });
    expect(missing.status).toBe(404);
  });

  it("refuses an approver without local: true, or of another tenant, and asks the control plane nothing", async () => {
    await announce("esc_local_2");
    for (const approver of ["bob", "carol", "mallory"]) {
      const reply = await vote("esc_local_2", { verdict: "approve", approver });
      expect(reply.status).toBe(409);
      expect(await reply.json()).toMatchObject({ outcome: "refused", reason: "not_allowed" });
    }
    expect(controlPlane.votes.filter((v) => v.id === "esc_local_2")).toEqual([]);
  });

  it("turns an approve into a control-plane vote that finalizes the card; a second press is refused as final", async () => {
    await announce("esc_local_3");
    const reply = await vote("esc_local_3", { verdict: "approve", approver: "alice", press_id: "press-1" });
    expect(reply.status).toBe(200);
    expect(await reply.json()).toMatchObject({
      outcome: "counted",
      text: expect.stringContaining("approved"),
      card: { escalationId: "esc_local_3", status: "approved" },
    });
    expect(controlPlane.votes.filter((v) => v.id === "esc_local_3")).toEqual([
      {
        id: "esc_local_3",
        body: expect.objectContaining({ action: "approve", approver_id: "alice", actor_id: "local:alice" }),
        authorization: "Bearer sec0_acme_key",
      },
    ]);
    const shown = await fetch(`${url}/local/api/cards/esc_local_3`, { headers: bearer });
    expect(await shown.json()).toMatchObject({ card: { status: "approved" } });
    const again = await vote("esc_local_3", { verdict: "reject", approver: "alice" });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({
      outcome: "refused",
      reason: "final",
      card: { status: "approved" },
    });
    const replay = await vote("esc_local_3", { verdict: "approve", approver: "alice", press_id: "press-1" });
    expect(await replay.json()).toMatchObject({ outcome: "refused", reason: "replayed" });
    const presses = audit.records.filter(
      (r) => r.tool === "bridge.press@1.0" && r.escalation_id === "esc_local_3",
    );
    expect(presses.map((r) => [r.platform, r.platform_user_id, r.approver_id, r.outcome, r.reason])).toEqual([
      ["local", "alice", "alice", "counted", null],
      ["local", "alice", "alice", "refused", "final"],
    ]);
  });

  it("lists pending cards first, then the decided ones, newest first", async () => {
    const body = (await (await fetch(`${url}/local/api/cards`, { headers: bearer })).json()) as {
      cards: Array<{ escalationId: string; status: string }>;
    };
    const statuses = body.cards.map((c) => c.status);
    expect(statuses.indexOf("approved")).toBeGreaterThan(statuses.lastIndexOf("pending"));
    expect(body.cards.filter((c) => c.status === "pending").map((c) => c.escalationId)).toEqual([
      "esc_local_2",
      "esc_local_1",
    ]);
  });

  it("answers 400 BRIDGE_LOCAL_BAD_REQUEST to a malformed vote, 413 to one over 8 KiB", async () => {
    await announce("esc_local_4");
    for (const body of [
      "not json",
      { verdict: "maybe", approver: "alice" },
      { verdict: "approve" },
      { verdict: "approve", approver: "alice", press_id: "has spaces" },
      { verdict: "approve", approver: "alice", colour: "blue" },
    ]) {
      const reply = await vote("esc_local_4", body);
      expect(reply.status).toBe(400);
      expect(await reply.json()).toMatchObject({ error: "BRIDGE_LOCAL_BAD_REQUEST" });
    }
    const huge = await vote("esc_local_4", { verdict: "approve", approver: "x".repeat(9000) });
    expect(huge.status).toBe(413);
    expect(controlPlane.votes.filter((v) => v.id === "esc_local_4")).toEqual([]);
  });
});

describe("the local approvals page: hostile card text", () => {
  it("serves hostile content only as JSON; the HTML holds no card text and carries a strict CSP", async () => {
    await announce("esc_hostile", { content: HOSTILE_CONTENT, tool_ref: HOSTILE_TOOL, reasons: undefined });
    const api = await fetch(`${url}/local/api/cards/esc_hostile`, { headers: bearer });
    expect(api.headers.get("content-type")).toMatch(/^application\/json/);
    expect(api.headers.get("x-content-type-options")).toBe("nosniff");
    const { card } = (await api.json()) as { card: { content: string; toolRef: string } };
    expect(card.content).toBe(HOSTILE_CONTENT);
    expect(card.toolRef).toBe(HOSTILE_TOOL);

    const cookie = await signIn();
    const first = await fetch(`${url}/local/`, { headers: { cookie } });
    const second = await fetch(`${url}/local/`, { headers: { cookie } });
    const html = await first.text();
    for (const text of ["esc_hostile", "alert(", "onerror", "<img", "refund 40 EUR", "evil.example"])
      expect(html).not.toContain(text);
    expect(html).not.toMatch(/innerHTML|insertAdjacentHTML|outerHTML|document\.write/);
    const csp = first.headers.get("content-security-policy") ?? "";
    const nonce = /script-src 'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1] ?? "";
    expect(csp).toBe(
      `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'`,
    );
    expect(nonce.length).toBeGreaterThanOrEqual(16);
    expect(second.headers.get("content-security-policy")).not.toBe(csp);
    // Exactly one script and one style, each with this response's nonce; no inline handlers.
    expect(html.match(/<script\b/g)).toHaveLength(1);
    expect(html).toContain(`<script nonce="${nonce}">`);
    expect(html).toContain(`<style nonce="${nonce}">`);
    expect(html).not.toMatch(/\son[a-z]+=/i);
    expect(html).toMatch(/<html lang="en">/);
    expect(html).toContain('name="viewport"');
    expect(html).toContain('<label for="approver">');
    for (const [name, value] of [
      ["x-content-type-options", "nosniff"],
      ["referrer-policy", "no-referrer"],
      ["cache-control", "no-store"],
    ])
      expect(first.headers.get(name as string)).toBe(value);
  });
});

describe("the README's local configuration", () => {
  it("validates, turns the page on and marks alice as a local approver", () => {
    const here = dirname(fileURLToPath(import.meta.url));
    const readme = readFileSync(join(here, "..", "..", "README.md"), "utf8");
    const example = /<!-- example: local-config -->\s*```yaml\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
    expect(example).toContain("local:");
    const config = parseBridgeConfig(parseYaml(example));
    expect(config.local).toEqual({ token_ref: "env://SEC0_LOCAL_APPROVALS_TOKEN" });
    expect(config.approvers[0]).toMatchObject({ id: "alice", local: true });
  });
});
