// The page's script, run against a fake DOM and a fake fetch: hostile card text lands as text
// (only fixed tags are ever created, innerHTML would throw), pending cards get Approve / Reject,
// a press posts the vote with the CSRF header and shows the outcome text.
import { describe, expect, it } from "vitest";
import { pendingCard } from "../__fixtures__/cards.js";
import { createFakeDocument, type FakeElement } from "./__fixtures__/fake-dom.js";
import { createNonce, renderLocalPage, renderLocalSignInPage } from "./local-page.js";
import { LOCAL_PAGE_SCRIPT } from "./local-page-script.js";

const HOSTILE = '<script>alert(1)</script> "><img src=x onerror=alert(2)>';
const TAGS = new Set([
  "article",
  "h3",
  "h4",
  "p",
  "span",
  "dl",
  "dt",
  "dd",
  "ul",
  "li",
  "pre",
  "div",
  "button",
  "option",
]);

function runPage(cards: unknown[], approvers: string[]) {
  const page = createFakeDocument({
    cards: "div",
    empty: "p",
    approver: "select",
    status: "p",
    summary: "span",
  });
  const calls: Array<{
    url: string;
    init: { method?: string; headers?: Record<string, string>; body?: string };
  }> = [];
  const fetch = async (url: string, init: (typeof calls)[number]["init"] = {}) => {
    calls.push({ url, init });
    const body =
      init.method === "POST"
        ? { outcome: "counted", text: "Your approval is recorded." }
        : { cards, approvers };
    return { status: 200, ok: true, json: async () => body };
  };
  const run = new Function("document", "fetch", "setInterval", "localStorage", LOCAL_PAGE_SCRIPT);
  run(page.document, fetch, () => 0, { getItem: () => null, setItem: () => undefined });
  const el = (id: string) => page.byId.get(id) as FakeElement;
  return { page, calls, el };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

describe("the local page's script", () => {
  it("renders hostile card text as text only, and Approve / Reject only on pending cards", async () => {
    const hostile = pendingCard({
      escalationId: "esc_h",
      toolRef: HOSTILE,
      content: HOSTILE,
      reasons: [HOSTILE],
    });
    const decided = pendingCard({ escalationId: "esc_d", status: "approved" });
    const { el } = runPage([hostile, decided], ["alice"]);
    await settle();
    const [first, second] = el("cards").children;
    expect(el("cards").children).toHaveLength(2);
    expect(first?.children[0]?.textContent).toBe(HOSTILE);
    expect(first?.descendants().find((e) => e.tagName === "pre")?.textContent).toBe(HOSTILE);
    for (const node of el("cards").descendants()) expect(TAGS.has(node.tagName)).toBe(true);
    expect(
      first
        ?.descendants()
        .filter((e) => e.tagName === "button")
        .map((b) => b.textContent),
    ).toEqual(["Approve", "Reject"]);
    expect(second?.descendants().some((e) => e.tagName === "button")).toBe(false);
    expect(el("approver").options.map((o) => o.value)).toEqual(["", "alice"]);
    expect(el("summary").textContent).toBe("1 pending, 1 decided");
  });

  it("asks for an approver first, then posts the vote with x-sec0-local: 1 and shows the outcome", async () => {
    const { el, calls } = runPage([pendingCard({ escalationId: "esc/1" })], ["alice"]);
    await settle();
    const approve = el("cards")
      .descendants()
      .find((e) => e.textContent === "Approve") as FakeElement;
    approve.click();
    expect(el("status").textContent).toMatch(/Choose who you are/);
    el("approver").value = "alice";
    approve.click();
    await settle();
    const post = calls.find((c) => c.init.method === "POST");
    expect(post?.url).toBe("/local/api/cards/esc%2F1/votes");
    expect(post?.init.headers).toMatchObject({ "x-sec0-local": "1", "content-type": "application/json" });
    expect(JSON.parse(post?.init.body ?? "{}")).toEqual({ verdict: "approve", approver: "alice" });
    expect(el("status").textContent).toBe("Your approval is recorded.");
  });

  it("is one inline script that cannot close its own tag, in a page with a fresh nonce", () => {
    expect(() => new Function(LOCAL_PAGE_SCRIPT)).not.toThrow();
    expect(LOCAL_PAGE_SCRIPT).not.toMatch(/<\/script/i);
    const nonce = createNonce();
    expect(createNonce()).not.toBe(nonce);
    expect(renderLocalPage(nonce)).toContain(`<script nonce="${nonce}">`);
    expect(renderLocalSignInPage(nonce)).not.toContain("<script");
  });
});
