// `sec0 mcp proxy` (the built binary) in front of a third-party MCP server from npm
// (@modelcontextprotocol/server-filesystem), driven by the official SDK client over stdio, then
// `sec0 audit verify` on what it wrote: what a user does after reading the README.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { built, cliBin, connectThroughProxy, createKeyedWorkspace, serverEntry } from "./built-cli.js";

const filesystemServer = serverEntry("@modelcontextprotocol/server-filesystem");

describe.skipIf(!built)("sec0 mcp proxy in front of @modelcontextprotocol/server-filesystem", () => {
  let work: string;
  let files: string;
  let client: Client;

  beforeAll(async () => {
    work = createKeyedWorkspace("sec0-e2e");
    files = join(work, "files");
    mkdirSync(files);
    writeFileSync(join(files, "note.txt"), "hello from sec0\n");
    writeFileSync(
      join(work, "policy.yaml"),
      [
        "tenant: e2e",
        'default_retention: "30d"',
        "signing:",
        "  enabled: true",
        '  key_ref: "file://./.sec0/keys/ed25519.key"',
        "tools:",
        "  allowlist:",
        '    - "mcp://secure-filesystem-server/read_text_file@*"',
        '    - "mcp://secure-filesystem-server/list_allowed_directories@*"',
        "enforcement:",
        "  deny_on: [tool_not_in_allowlist]",
        "",
      ].join("\n"),
    );
    client = await connectThroughProxy(work, ["--policy", "policy.yaml"], [filesystemServer, files]);
  });

  afterAll(async () => {
    await client?.close();
    if (work !== undefined) rmSync(work, { recursive: true, force: true });
  });

  it("filters tools/list, runs an allowed tool, refuses a denied one, and every call has a verifying audit record", async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(["list_allowed_directories", "read_text_file"]);

    const read = await client.callTool({
      name: "read_text_file",
      arguments: { path: join(files, "note.txt") },
    });
    expect(read.isError).not.toBe(true);
    expect(JSON.stringify(read.content)).toContain("hello from sec0");

    const write = await client.callTool({
      name: "write_file",
      arguments: { path: join(files, "evil.txt"), content: "pwned" },
    });
    expect(write.isError).toBe(true);
    expect(JSON.stringify(write.content)).toContain("tool_not_in_allowlist");
    expect(existsSync(join(files, "evil.txt"))).toBe(false);

    await client.close(); // the proxy exits, flushing its audit log

    const auditDir = join(work, ".sec0");
    const day = readdirSync(auditDir).find((name) => /^audit-\d{4}-\d{2}-\d{2}\.ndjson$/.test(name));
    expect(day).toBeDefined();
    const records = readFileSync(join(auditDir, day as string), "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((record) => record.node_type === "middleware");
    expect(
      records.map((record) => [record.target_tool, (record.policy as { decision: string }).decision]),
    ).toEqual([
      [expect.stringMatching(/^read_text_file@/), "allow"],
      [expect.stringMatching(/^write_file@/), "deny"],
    ]);
    for (const record of records) expect(record.sig).toMatch(/^ed25519:/);

    const verify = spawnSync(
      process.execPath,
      [cliBin, "audit", "verify", ".sec0", "--key", "file://./.sec0/keys/ed25519.key"],
      {
        cwd: work,
        encoding: "utf8",
      },
    );
    expect(verify.stdout).toContain("valid");
    expect(verify.status).toBe(0);
  });
});
