// README command (a) as a user runs it: `pnpm demo` tells the whole story on embedded defaults
// (PGlite, in-memory state) in under a minute, every step as the narrative says, and ends with a
// verified, witnessed custody chain. The same story on the machine's Redis and PostgreSQL.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createDatabase, REDIS_URL, servicesMissing } from "./__fixtures__/services.js";

const DEMO = join(import.meta.dirname, "demo.mjs");

function runDemo(args: readonly string[]): Promise<{ code: number | null; out: string; seconds: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [DEMO, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      out += chunk.toString();
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), 110_000);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, out, seconds: (Date.now() - started) / 1000 });
    });
  });
}

/** What every run of the story must print, step by step. */
function expectTheStory(out: string): void {
  expect(out).not.toContain("Unexpected");
  expect(out).toMatch(/1\. read_invoice inv-1042: allowed\n {3}The policy allows it; the tool ran \(1×\)/);
  expect(out).toMatch(
    /2\. delete_invoice: denied\n {3}Refused with 403: deny tool_not_in_allowlist .* never ran \(0×\)/,
  );
  expect(out).toMatch(
    /3\. fetch_page: .*withheld\n {3}The tool ran \(1×\)[\s\S]*withheld it: withheld agent_guard_failed/,
  );
  expect(out).toMatch(/4\. send_receipt: .*\n {3}Key receipt-inv-1042-\w+: the tool ran \(1×\)/);
  expect(out).toMatch(/5\. send_receipt again, same key: replayed, not re-run\n.*the tool ran 0× this time/);
  expect(out).toMatch(
    /6\. transfer_funds 25,000 EUR: escalated to a person\n.*escalate compliance_violation\.\n {3}Nothing ran \(0×\)\. Escalation esc_[\w-]+ is waiting/,
  );
  expect(out).toMatch(
    /alice pressed Approve on the approvals page: "Your approval is recorded; the escalation is approved\."/,
  );
  expect(out).toContain("The agent's wait ended: approved");
  expect(out).toMatch(/7\. transfer_funds resumed with its approval: ran once\n.*the tool ran \(1×\)/);
  expect(out).toMatch(/Pressing Approve again: refused \(final\)/);
  expect(out).toMatch(/Sending the same token again: 403 deny approval_invalid\. The tool ran 0× more\./);
  // Each handler ran exactly as often as the story says, and the denied one never.
  const ran = /What really ran: (.*)\./.exec(out)?.[1]?.split("; ") ?? [];
  expect(ran).toEqual([
    "read_invoice inv-1042",
    "fetch_page https://acme.example/pricing",
    "send_receipt inv-1042 billing@globex.example",
    "transfer_funds 25000 EUR to supplier:globex-gmbh",
  ]);
  // The proof: the tool log verifies against the witness, and all hops make one tree, no orphan.
  expect(out).toMatch(/witness: .* consistent with \d+ witnessed checkpoints/);
  expect(out).toMatch(/ok {3}\S+\/agent\/audit: valid/);
  expect(out).toMatch(/ok {3}\S+\/gateway\/audit: valid/);
  expect(out).toMatch(/1 tree\(s\), \d+ hop\(s\)/);
  expect(out).not.toContain("ORPHAN");
  expect(out).toContain("The story completed");
}

describe("pnpm demo", () => {
  it("tells the whole story on embedded defaults in under a minute", async () => {
    const run = await runDemo([]);
    expect(run.code, run.out).toBe(0);
    expect(run.out).toContain("Embedded defaults: PGlite");
    expectTheStory(run.out);
    expect(run.seconds).toBeLessThan(60);
  }, 120_000);

  it("tells the same story on Redis and PostgreSQL", async (context) => {
    const missing = await servicesMissing();
    if (missing !== undefined) {
      console.warn(`skipped: ${missing}`);
      return context.skip();
    }
    const database = await createDatabase("sec0_demo");
    try {
      const run = await runDemo(["--redis", REDIS_URL, "--database-url", database.url]);
      expect(run.code, run.out).toBe(0);
      expect(run.out).toContain("Storage: PostgreSQL, Redis.");
      expectTheStory(run.out);
    } finally {
      await database.drop();
    }
  }, 120_000);
});
