import { existsSync } from "node:fs";
import { mkdtemp, realpath, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import type { ToolGovernor } from "@sec0/guard";
import { createMemoryAuditSink } from "@sec0/testkit";
import { afterEach, describe, expect, it } from "vitest";
import { createGovernorFromOptions } from "../create-governor.js";
import { startMcpProxy } from "./proxy.js";

// The published reference server from npm, run as a child process like any third-party server.
const filesystemServer = fileURLToPath(
  new URL("../../node_modules/@modelcontextprotocol/server-filesystem/dist/index.js", import.meta.url),
);

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

function textOf(result: unknown): string {
  return ((result as { content: { text: string }[] }).content[0] as { text: string }).text;
}

describe("the proxy in front of @modelcontextprotocol/server-filesystem", () => {
  it("filters the tool list, runs an allowed read and refuses a write with the real governor", async () => {
    const dir = await realpath(await mkdtemp(join(tmpdir(), "sec0-fs-")));
    await writeFile(join(dir, "note.txt"), "hello from sec0");
    const sink = createMemoryAuditSink();
    const governor: ToolGovernor = createGovernorFromOptions({
      policy: {
        tenant: "acme",
        tools: {
          allowlist: [
            "mcp://secure-filesystem-server/read_text_file@*",
            "mcp://secure-filesystem-server/list_allowed_directories@*",
          ],
        },
        enforcement: { deny_on: ["tool_not_in_allowlist"] },
      },
      adapters: { auditSink: sink },
    });
    cleanups.push(() => governor.close());
    const toProxy = new PassThrough();
    const fromProxy = new PassThrough();
    const proxy = await startMcpProxy({
      command: process.execPath,
      args: [filesystemServer, dir],
      stderr: "ignore",
      governor,
      stdin: toProxy,
      stdout: fromProxy,
    });
    cleanups.push(() => proxy.close());
    const client = new Client({ name: "e2e", version: "0.0.1" });
    await client.connect(new StdioServerTransport(fromProxy, toProxy));
    cleanups.push(() => client.close());

    const { tools } = await client.listTools(undefined, { timeout: 10_000 });
    expect(tools.map((tool) => tool.name).sort()).toEqual(["list_allowed_directories", "read_text_file"]);

    const read = await client.callTool({
      name: "read_text_file",
      arguments: { path: join(dir, "note.txt") },
    });
    expect(read.isError).not.toBe(true);
    expect(textOf(read)).toBe("hello from sec0");

    const write = await client.callTool({
      name: "write_file",
      arguments: { path: join(dir, "evil.txt"), content: "pwned" },
    });
    expect(write.isError).toBe(true);
    expect(textOf(write)).toMatch(/^tool_not_in_allowlist: /);
    expect(existsSync(join(dir, "evil.txt"))).toBe(false);

    const decisions = sink.records.map((record) => [
      record.target_tool_ref,
      (record.policy as { decision: string }).decision,
    ]);
    expect(decisions).toEqual([
      ["mcp://secure-filesystem-server/read_text_file@0.2.0", "allow"],
      ["mcp://secure-filesystem-server/write_file@0.2.0", "deny"],
    ]);
  });
});
