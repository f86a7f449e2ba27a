// `sec0 mcp proxy` (the built binary) in front of @modelcontextprotocol/server-everything, whose
// serverInfo.name is `mcp-servers/everything`: a `/` in the server name. What a user does: run
// once, copy the audit record's target_tool_ref into the allowlist, run again.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { built, cliBin, connectThroughProxy, createKeyedWorkspace, serverEntry } from "./built-cli.js";

const everythingServer = serverEntry("@modelcontextprotocol/server-everything");

function writePolicy(work: string, allowlist: readonly string[]): void {
  writeFileSync(
    join(work, "policy.yaml"),
    [
      "tenant: e2e",
      'default_retention: "30d"',
      "signing:",
      "  enabled: true",
      '  key_ref: "file://./.sec0/keys/ed25519.key"',
      "tools:",
      `  allowlist: ${JSON.stringify(allowlist)}`,
      "enforcement:",
      "  deny_on: [tool_not_in_allowlist]",
      "",
    ].join("\n"),
  );
}

function connectProxy(work: string, auditDir: string): Promise<Client> {
  return connectThroughProxy(
    work,
    ["--policy", "policy.yaml", "--audit-dir", auditDir],
    [everythingServer, "stdio"],
  );
}

function auditRecords(dir: string): Record<string, unknown>[] {
  const day = readdirSync(dir).find((name) => /^audit-\d{4}-\d{2}-\d{2}\.ndjson$/.test(name));
  if (day === undefined) throw new Error(`no audit file in ${dir}`);
  return readFileSync(join(dir, day), "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((record) => record.node_type === "middleware");
}

function textOf(result: unknown): string {
  return ((result as { content: { text: string }[] }).content[0] as { text: string }).text;
}

describe.skipIf(!built)("sec0 mcp proxy in front of @modelcontextprotocol/server-everything", () => {
  let work: string;
  const clients: Client[] = [];

  beforeAll(() => {
    work = createKeyedWorkspace("sec0-e2e-everything");
  });

  afterAll(async () => {
    for (const client of clients) await client.close().catch(() => undefined);
    if (work !== undefined) rmSync(work, { recursive: true, force: true });
  });

  it("allows a tool by the target_tool_ref its audit record states, and refuses an unlisted one", async () => {
    // First run: nothing allowed. The refusal and the audit record name the tool reference.
    writePolicy(work, []);
    const first = await connectProxy(work, "audit-first");
    clients.push(first);
    expect((await first.listTools()).tools).toEqual([]);
    const denied = await first.callTool({ name: "echo", arguments: { message: "hi" } });
    expect(denied.isError).toBe(true);
    await first.close();
    const [record] = auditRecords(join(work, "audit-first"));
    const pasted = record?.target_tool_ref as string;
    expect(pasted).toMatch(/^mcp:\/\/mcp-servers%2Feverything\/echo@\d/);
    expect(textOf(denied)).toBe(
      `tool_not_in_allowlist: The call was refused: \`${pasted}\` matches no allowlist entry; the allowlist ` +
        "(tools.allowlist) is empty. Rule: enforcement.deny_on lists tool_not_in_allowlist.",
    );

    // Second run: the pasted reference is the allowlist.
    writePolicy(work, [pasted]);
    const second = await connectProxy(work, "audit-second");
    clients.push(second);
    expect((await second.listTools()).tools.map((tool) => tool.name)).toEqual(["echo"]);
    const echo = await second.callTool({ name: "echo", arguments: { message: "hi from sec0" } });
    expect(echo.isError).not.toBe(true);
    expect(textOf(echo)).toBe("Echo: hi from sec0");
    const sum = await second.callTool({ name: "get-sum", arguments: { a: 1, b: 2 } });
    expect(sum.isError).toBe(true);
    expect(textOf(sum)).toContain(
      `\`${pasted.replace("/echo@", "/get-sum@")}\` matches no allowlist entry; closest: \`${pasted}\`.`,
    );
    await second.close(); // the proxy exits, flushing its audit log

    const records = auditRecords(join(work, "audit-second"));
    expect(
      records.map((entry) => [entry.target_tool_ref, (entry.policy as { decision: string }).decision]),
    ).toEqual([
      [pasted, "allow"],
      [pasted.replace("/echo@", "/get-sum@"), "deny"],
    ]);
    const verify = spawnSync(
      process.execPath,
      [cliBin, "audit", "verify", "audit-second", "--key", "file://./.sec0/keys/ed25519.key"],
      { cwd: work, encoding: "utf8" },
    );
    expect(verify.stdout).toContain("valid");
    expect(verify.status).toBe(0);
  });
});
