// The console in the machine's Chromium (playwright-core), against the real control plane and a
// real middleware call: an approver approves what the middleware escalated and the call resumes; a
// policy editor sees an error at its line, publishes and rolls back; an auditor finds the day file
// tampered with at rest, flagged at its line. Roles are checked through the page and the API.
// Screenshots of each page go to tests/e2e/artifacts/console (SEC0_TEST_ARTIFACTS overrides).
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createAuditUploader } from "@sec0/audit";
import { encodeAgentStateHeaders } from "@sec0/core";
import { createEscalationClient } from "@sec0/guard";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { chromiumMissing, launchChromium } from "./browser.js";
import { BASE_POLICY, type ConsoleStack, startConsoleStack } from "./console-stack.js";

const missing = chromiumMissing("console.test (the console in a browser)");
const ARTIFACTS =
  process.env.SEC0_TEST_ARTIFACTS ??
  resolve(fileURLToPath(new URL("../../artifacts/console", import.meta.url)));
const AGENT = encodeAgentStateHeaders({ nodeId: "planner", runId: "run-42" });
const TOOL_REF = "mcp://files/delete@1.0";
const WAIT = { timeout: 15_000 };

let stack: ConsoleStack;
let browser: Browser;
/** Uncaught exceptions and console errors of the pages (a refused request's own line aside). */
const pageErrors: string[] = [];

async function openPage(viewport = { width: 1280, height: 900 }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  page.on("pageerror", (error) => pageErrors.push(`uncaught: ${error.message}`));
  page.on("console", (message) => {
    // Chromium logs every non-2xx fetch; the tests provoke 401s on purpose and check them.
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource"))
      pageErrors.push(message.text());
  });
  return page;
}

type Refusal = { escalationId?: string; decision?: string; reason?: string };
const refusalOf = (result: unknown) =>
  (result as { _meta?: Record<string, Refusal> })._meta?.["sec0/refusal"];

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

async function signIn(key: string, viewport = { width: 1280, height: 900 }): Promise<Page> {
  const page = await openPage(viewport);
  await page.goto(`${stack.baseUrl}/console/`);
  await page.getByTestId("login-key").fill(key);
  await page.getByTestId("login-submit").click();
  await page.getByTestId("nav-escalations").waitFor(WAIT);
  return page;
}

describe.skipIf(missing !== undefined)("the console in a browser", () => {
  beforeAll(async () => {
    stack = await startConsoleStack();
    browser = await launchChromium();
  }, 60_000);

  afterEach(() => {
    // No script error and no Content-Security-Policy violation on any page.
    expect(pageErrors.splice(0)).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it("refuses a wrong key and keeps the key out of the URL and localStorage", async () => {
    const page = await openPage();
    await page.goto(`${stack.baseUrl}/console/`);
    await page.getByTestId("login-key").fill("sec0_AAAAAAAAAAAA_wrongwrongwrongwrongwrongwrongwr");
    await page.getByTestId("login-submit").click();
    await expect.poll(() => page.getByTestId("alert").textContent(), WAIT).toMatch(/\S/);
    await shot(page, "01-login-refused");
    await page.getByTestId("login-key").fill(stack.keys.read_only);
    await page.getByTestId("login-submit").click();
    await page.getByTestId("nav-escalations").waitFor(WAIT);
    expect(page.url()).not.toContain(stack.keys.read_only);
    expect(await page.evaluate(() => JSON.stringify(localStorage))).not.toContain("sec0_");
    await page.close();
  });

  it("approves an escalation created by a real middleware call, and the call resumes", async () => {
    const args = { path: "/reports/q3.txt", owner: "jane.doe@corp.example" };
    const first = await stack.client.callTool({ name: "delete", arguments: args, _meta: { ...AGENT } });
    const refusal = refusalOf(first);
    expect(refusal).toMatchObject({ decision: "escalate", reason: "tool_not_in_allowlist" });
    const id = refusal?.escalationId as string;
    expect(stack.runs).toEqual([]);

    // The agent waits for the verdict and retries with the approval token, as an agent would.
    const escalations = createEscalationClient({ baseUrl: stack.baseUrl, apiKey: stack.keys.agent });
    const resumed = (async () => {
      const resolution = await escalations.waitForResolution(id, { timeoutMs: 60_000 });
      const token = resolution.details?.approvalToken;
      if (resolution.status !== "approved" || token === undefined) return resolution.status;
      return stack.client.callTool({
        name: "delete",
        arguments: { ...args, approval_token: token },
        _meta: { ...AGENT },
      });
    })();

    const page = await signIn(stack.keys.approver);
    await page.getByTestId("nav-escalations").click();
    const row = page.getByTestId("escalation-row").filter({ hasText: TOOL_REF });
    await row.first().waitFor(WAIT);
    await shot(page, "02-escalation-queue");
    await row.first().click();
    const detail = page.getByTestId("escalation-detail");
    await detail.waitFor(WAIT);
    await expect.poll(() => detail.textContent(), WAIT).toContain(TOOL_REF);
    const text = (await detail.textContent()) ?? "";
    expect(text).toContain("/reports/q3.txt");
    expect(text).toContain("[REDACTED:pii.email]");
    expect(text).not.toContain("jane.doe@corp.example");
    expect(text).toContain("tool_not_in_allowlist");
    expect(text).toContain("planner");
    expect(text).toContain("run-42");
    await shot(page, "03-escalation-detail");
    await page.getByTestId("vote-note").fill("One-off cleanup of the Q3 report.");
    await page.getByTestId("vote-approve").click();
    await expect.poll(() => page.getByTestId("escalation-status").textContent(), WAIT).toMatch(/approved/i);
    await shot(page, "04-escalation-approved");

    const after = await resumed;
    expect(refusalOf(after)).toBeUndefined();
    expect(stack.runs).toEqual(["delete /reports/q3.txt"]);
    await page.close();

    // The same escalation on a phone: readable, and a final escalation offers no vote.
    const phone = await signIn(stack.keys.approver, { width: 375, height: 740 });
    await phone.goto(`${stack.baseUrl}/console/#/escalations/${id}`);
    await phone.getByTestId("escalation-detail").waitFor(WAIT);
    await expect.poll(() => phone.getByTestId("escalation-status").textContent(), WAIT).toMatch(/approved/i);
    expect(await horizontalOverflow(phone)).toBe(0);
    await shot(phone, "05-escalation-phone");
    await phone.close();
  });

  it("an auditor cannot vote, through the page or the API", async () => {
    const first = await stack.client.callTool({
      name: "delete",
      arguments: { path: "/tmp/x" },
      _meta: { ...AGENT },
    });
    const id = refusalOf(first)?.escalationId as string;
    const page = await signIn(stack.keys.auditor);
    await page.goto(`${stack.baseUrl}/console/#/escalations/${id}`);
    await page.getByTestId("escalation-detail").waitFor(WAIT);
    await expect.poll(() => page.getByTestId("escalation-detail").textContent(), WAIT).toContain("/tmp/x");
    expect(await page.getByTestId("vote-approve").count()).toBe(0);
    expect(await page.getByTestId("vote-reject").count()).toBe(0);
    await page.close();
    const vote = await stack.api(`/api/escalations/${id}`, stack.keys.auditor, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ action: "approve" }),
    });
    expect(vote.status).toBe(403);
    expect(((await vote.json()) as { code: string }).code).toBe("CP_SCOPE_MISSING");
  });

  it("an approver cannot publish policy, through the page or the API", async () => {
    const page = await signIn(stack.keys.approver);
    await page.getByTestId("nav-policies").click();
    await page.getByTestId("policy-editor").waitFor(WAIT);
    expect(await page.getByTestId("policy-publish").count()).toBe(0);
    expect(await page.getByTestId("policy-rollback").count()).toBe(0);
    await page.close();
    const put = await stack.api("/api/policy/acme?level=middleware", stack.keys.approver, {
      method: "PUT",
      headers: { "content-type": "text/yaml" },
      body: "tenant: acme\n",
    });
    expect(put.status).toBe(403);
    expect(((await put.json()) as { code: string }).code).toBe("CP_SCOPE_MISSING");
  });

  it("shows a policy error at its line, publishes a fix and rolls back", async () => {
    const page = await signIn(stack.keys.policy_editor);
    await page.getByTestId("nav-policies").click();
    const editor = page.getByTestId("policy-editor");
    await expect.poll(() => editor.inputValue(), WAIT).toContain("allowlist");

    await editor.fill('tenant: acme\ntools:\n  allowlist: "not a list"\n');
    const error = page.getByTestId("policy-error").first();
    await error.waitFor(WAIT);
    expect(await error.getAttribute("data-line")).toBe("3");
    expect(await error.textContent()).toMatch(/line 3/);
    await shot(page, "06-policy-error-at-line");

    const fixed = BASE_POLICY.replace(
      '["mcp://files/read@1.0"]',
      '["mcp://files/read@1.0", "mcp://files/list@1.0"]',
    );
    await editor.fill(fixed);
    await expect.poll(() => page.getByTestId("policy-error").count(), WAIT).toBe(0);
    await page.getByTestId("policy-publish").click();
    await expect.poll(() => page.getByTestId("policy-version").count(), WAIT).toBe(2);
    await shot(page, "07-policy-published");

    await page
      .getByTestId("policy-version")
      .filter({ hasText: /\b1\b/ })
      .getByTestId("policy-rollback")
      .click();
    await expect.poll(() => page.getByTestId("policy-version").count(), WAIT).toBe(3);
    const current = await stack.api("/api/policy/acme?level=middleware", stack.keys.policy_editor);
    expect(await current.text()).toBe(BASE_POLICY);
    expect(current.headers.get("x-sec0-policy-version")).toBe("3");
    await expect.poll(() => editor.inputValue(), WAIT).toBe(BASE_POLICY);
    await shot(page, "08-policy-rolled-back");
    await page.close();
  });

  it("finds a day file tampered with at rest, flagged with its line", async () => {
    // The middleware's own day file of the calls above, uploaded as Sec0Appender's presign would.
    const put = await stack.api("/api/audit/keys", stack.keys.admin, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        key_id: stack.auditSigner.keyId,
        public_key: Buffer.from(stack.auditSigner.publicKey).toString("base64"),
      }),
    });
    expect(put.status).toBeLessThan(300);
    const day = await waitForDayFile(stack.auditDir);
    const uploader = createAuditUploader({
      dir: stack.auditDir,
      presign: {
        apiBaseUrl: stack.baseUrl,
        auditKey: `Bearer ${stack.keys.ingest}`,
        tenant: "acme",
        environment: "dev",
        clientName: "e2e",
        clientVersion: "1.0.0",
      },
    });
    expect((await uploader.uploadDay(day)).bytes).toBeGreaterThan(0);

    const page = await signIn(stack.keys.auditor);
    await page.getByTestId("nav-evidence").click();
    await page.getByTestId("evidence-search").waitFor(WAIT);
    const file = page.getByTestId("day-file").first();
    await file.waitFor(WAIT);
    await file.getByTestId("day-file-verify").click();
    await expect.poll(() => file.getByTestId("day-file-badge").textContent(), WAIT).toMatch(/verified/i);

    // Someone with access to the object store edits the third line of the stored day file.
    const stored = await findObject(stack.objectsDir, (await file.getAttribute("data-object-key")) as string);
    const lines = (await readFile(stored, "utf8")).split("\n");
    expect(lines.length).toBeGreaterThan(3);
    lines[2] = tamper(lines[2] as string);
    await writeFile(stored, lines.join("\n"));

    await page.reload();
    await page.getByTestId("nav-evidence").click();
    const again = page.getByTestId("day-file").first();
    await again.waitFor(WAIT);
    await again.getByTestId("day-file-verify").click();
    await expect.poll(() => again.getByTestId("day-file-badge").textContent(), WAIT).toMatch(/failed/i);
    expect(await again.getByTestId("day-file-first-bad-line").textContent()).toMatch(/\b3\b/);
    await shot(page, "09-evidence-tampered");

    // The export is the stored lines themselves (what `sec0 audit verify` would be given).
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("evidence-export").click(),
    ]);
    const exported = await readFile((await download.path()) as string, "utf8");
    expect(download.suggestedFilename()).toBe("sec0-audit-acme.ndjson");
    expect(exported.trim().split("\n")).toEqual(lines.filter((line) => line.trim() !== ""));

    // The run's custody graph: every governed call of run-42, from the stored lines.
    await page.getByTestId("custody-run").fill("run-42");
    await page.getByTestId("custody-show").click();
    await page.getByTestId("custody-tree").first().waitFor(WAIT);
    expect(await page.getByTestId("custody-node").count()).toBeGreaterThanOrEqual(3);
    expect(await page.getByTestId("custody-node").first().textContent()).toContain("delete");
    await shot(page, "10-custody-graph");
    await page.close();
  });

  it("is usable with the keyboard alone, and every control on every page has a name", async () => {
    const page = await openPage();
    await page.goto(`${stack.baseUrl}/console/`);
    await page.getByTestId("login-key").waitFor(WAIT);
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("login-key");
    await page.keyboard.type(stack.keys.admin);
    await page.keyboard.press("Enter");
    await page.getByTestId("nav-escalations").waitFor(WAIT);
    for (const name of ["escalations", "policies", "evidence"]) {
      await page.getByTestId(`nav-${name}`).click();
      await page.waitForLoadState("networkidle");
      expect(await unnamedControls(page), `unnamed controls on ${name}`).toEqual([]);
      expect(await horizontalOverflow(page), `horizontal overflow on ${name}`).toBe(0);
    }
    await page.close();
  });
});

/** Inputs, selects, textareas, buttons and links with no accessible name (label, aria-*, text). */
function unnamedControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const nameless: string[] = [];
    for (const element of document.querySelectorAll<HTMLElement>(
      "input, select, textarea, button, a[href]",
    )) {
      const field = element as HTMLInputElement;
      const named =
        (field.labels !== undefined && field.labels !== null && field.labels.length > 0) ||
        (element.getAttribute("aria-label") ?? "").trim() !== "" ||
        element.getAttribute("aria-labelledby") !== null ||
        (element.tagName !== "INPUT" &&
          element.tagName !== "SELECT" &&
          element.tagName !== "TEXTAREA" &&
          (element.textContent ?? "").trim() !== "");
      if (!named && field.type !== "hidden") nameless.push(element.outerHTML.slice(0, 120));
    }
    return nameless;
  });
}

/** How many CSS pixels the page is wider than its viewport (0: no sideways scrolling). */
function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth));
}

/** One character of the line changed, keeping it valid JSON: what a quiet edit at rest looks like. */
function tamper(line: string): string {
  if (line.includes('"planner"')) return line.replace('"planner"', '"plannex"');
  return line.replace(/(\d)(?=\d*")/, (digit) => String((Number(digit) + 1) % 10));
}

async function waitForDayFile(dir: string): Promise<string> {
  for (let i = 0; i < 100; i += 1) {
    const names = (await readdir(dir).catch(() => [] as string[])).filter((n) =>
      /^audit-\d{4}-\d{2}-\d{2}\.ndjson$/.test(n),
    );
    const name = names[0];
    if (name !== undefined && (await readFile(join(dir, name), "utf8")).split("\n").length > 3)
      return name.slice("audit-".length, -".ndjson".length);
    await new Promise((r) => setTimeout(r, 100));
  }
  const found = await readdir(dir).catch((error: unknown) => [String(error)]);
  throw new Error(`no day file with records in ${dir} (it holds: ${found.join(", ") || "nothing"})`);
}

async function findObject(objectsDir: string, objectKey: string): Promise<string> {
  const direct = join(objectsDir, objectKey);
  try {
    await readFile(direct);
    return direct;
  } catch {
    throw new Error(`the stored object ${objectKey} is not at ${direct}`);
  }
}
