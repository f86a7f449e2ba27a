import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { built, connectThroughProxy, createKeyedWorkspace, serverEntry } from "./built-cli.js";

const filesystemServer = serverEntry("@modelcontextprotocol/server-filesystem");

describe.skipIf(!built)("fs_allowlist in front of the filesystem server's move_file", () => {
  let work: string;
  let files: string;
  let client: Client;

  beforeAll(async () => {
    work = createKeyedWorkspace("sec0-e2e-targets");
    files = join(work, "files");
    mkdirSync(join(files, "archive"), { recursive: true });
    writeFileSync(join(files, "a.txt"), "a\n");
    writeFileSync(join(files, "b.txt"), "b\n");
    writeFileSync(
      join(work, "policy.yaml"),
      [
        "tenant: e2e",
        "signing:",
        "  enabled: true",
        '  key_ref: "file://./.sec0/keys/ed25519.key"',
        "enforcement:",
        "  deny_on: [fs_violation]",
        "security:",
        `  fs_allowlist: [${JSON.stringify(files)}]`,
        "",
      ].join("\n"),
    );
    // The server may touch the whole work directory; sec0's allowlist is the narrower one.
    client = await connectThroughProxy(work, ["--policy", "policy.yaml"], [filesystemServer, work]);
    await client.listTools();
  });

  afterAll(async () => {
    await client?.close();
    if (work !== undefined) rmSync(work, { recursive: true, force: true });
  });

  it("refuses a move whose destination leaves the allowed directory, and the file stays", async () => {
    const moved = await client.callTool({
      name: "move_file",
      arguments: { source: join(files, "a.txt"), destination: join(work, "stolen.txt") },
    });
    expect(moved.isError).toBe(true);
    expect(JSON.stringify(moved.content)).toContain("fs_violation");
    expect(existsSync(join(files, "a.txt"))).toBe(true);
    expect(existsSync(join(work, "stolen.txt"))).toBe(false);
  });

  it("allows a move inside the allowed directory", async () => {
    const moved = await client.callTool({
      name: "move_file",
      arguments: { source: join(files, "b.txt"), destination: join(files, "archive", "b.txt") },
    });
    expect(moved.isError).not.toBe(true);
    expect(existsSync(join(files, "archive", "b.txt"))).toBe(true);
  });
});
