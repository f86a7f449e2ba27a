import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { built, cliBin, createKeyedWorkspace, serverEntry } from "./built-cli.js";

const poisonedServer = fileURLToPath(
  new URL("../../../packages/middleware/src/mcp/__fixtures__/poisoned-tools-server.mjs", import.meta.url),
);

async function toolNames(command: readonly string[], cwd: string): Promise<string[]> {
  const client = new Client({ name: "e2e-agent", version: "1.0.0" });
  await client.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: [...command],
      cwd,
      stderr: "ignore",
    }),
  );
  try {
    return (await client.listTools()).tools.map((tool) => tool.name).sort();
  } finally {
    await client.close(); // the proxy exits, flushing its audit log
  }
}

function poisoningRecords(dir: string): Record<string, unknown>[] {
  if (!existsSync(dir)) return []; // nothing was recorded at all
  const day = readdirSync(dir).find((name) => /^audit-\d{4}-\d{2}-\d{2}\.ndjson$/.test(name));
  if (day === undefined) return [];
  return readFileSync(join(dir, day), "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((record) => (record.reasons as string[] | undefined)?.includes("tool_poisoning"));
}

describe.skipIf(!built)("the tool-poisoning scan on published MCP servers", () => {
  let work: string;

  beforeAll(() => {
    work = createKeyedWorkspace("sec0-e2e-poisoning");
    writeFileSync(
      join(work, "policy.yaml"),
      [
        "tenant: e2e",
        'default_retention: "30d"',
        "signing:",
        "  enabled: true",
        '  key_ref: "file://./.sec0/keys/ed25519.key"',
        "tools:",
        '  allowlist: ["*"]',
        "enforcement:",
        "  deny_on: [tool_poisoning]",
        "",
      ].join("\n"),
    );
  });

  afterAll(() => {
    if (work !== undefined) rmSync(work, { recursive: true, force: true });
  });

  const proxied = (auditDir: string, server: readonly string[]) => [
    cliBin,
    "mcp",
    "proxy",
    "--policy",
    "policy.yaml",
    "--audit-dir",
    auditDir,
    "--",
    process.execPath,
    ...server,
  ];

  it.each([
    [
      "@modelcontextprotocol/server-filesystem",
      (dir: string) => [serverEntry("@modelcontextprotocol/server-filesystem"), dir],
    ],
    [
      "@modelcontextprotocol/server-everything",
      () => [serverEntry("@modelcontextprotocol/server-everything"), "stdio"],
    ],
  ])("lists every tool of %s and records no poisoning", async (name, args) => {
    const server = args(work);
    const direct = await toolNames(server, work);
    expect(direct.length).toBeGreaterThan(5);
    const auditDir = `audit-${name.split("/")[1]}`;

    expect(await toolNames(proxied(auditDir, server), work)).toEqual(direct);
    expect(poisoningRecords(join(work, auditDir))).toEqual([]);
  });

  it("hides the poisoned fixture's tool in the same setup (the scan ran)", async () => {
    expect(await toolNames(proxied("audit-fixture", [poisonedServer, "description"]), work)).toEqual([
      "get_weather",
    ]);
    expect(poisoningRecords(join(work, "audit-fixture"))).toEqual([
      expect.objectContaining({
        target_tool_ref: "mcp://poisoned/add@1.0.0",
        decision_reason: "tool_poisoning",
      }),
    ]);
  });
});
