import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateKeyFile, toBase64 } from "@sec0/signer";
import { afterEach, describe, expect, it } from "vitest";
import { startStdioProxy } from "../__fixtures__/stdio-rpc.js";
import type { CliIo } from "../cli-context.js";
import { runCli } from "../program.js";

// The middleware package's fixture: an MCP server on the official SDK over stdio (name "fixture").
const fixture = fileURLToPath(
  new URL("../../../middleware/src/mcp/__fixtures__/stdio-server.mjs", import.meta.url),
);

const POLICY = `tenant: acme
signing:
  key_ref: "file://.sec0/keys/ed25519.key"
tools:
  allowlist: ["mcp://fixture/echo@*"]
enforcement:
  deny_on: [tool_not_in_allowlist]
`;

function captureIo(cwd: string): CliIo & { err: string } {
  const io = {
    err: "",
    cwd,
    env: { PATH: process.env.PATH },
    stdout: () => {
      throw new Error("the proxy must not write to stdout through io");
    },
    stderr: (text: string) => {
      io.err += text;
    },
  };
  return io;
}

/** Runs `sec0 audit verify .sec0 <flag> <key>` in `cwd`; returns its exit code and stdout. */
async function verifyAudit(
  cwd: string,
  flag: string,
  publicKey: Uint8Array,
): Promise<{ code: number; out: string }> {
  const verify = captureIo(cwd);
  let out = "";
  verify.stdout = (text) => {
    out += text;
  };
  const code = await runCli(["audit", "verify", ".sec0", flag, toBase64(publicKey)], verify);
  return { code, out };
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

describe("sec0 mcp proxy", () => {
  it("governs a stdio MCP server with the policy file and writes a verifiable signed audit log", async () => {
    const cwd = await mkdtemp(join(tmpdir(), "sec0-cli-proxy-"));
    await writeFile(join(cwd, "policy.yaml"), POLICY);
    const key = generateKeyFile(".sec0/keys/ed25519.key", { cwd });
    const io = captureIo(cwd);
    const { running, toProxy, client } = startStdioProxy(fixture, io);
    cleanups.push(client.close);

    const init = await client.initialize();
    expect(init.result).toMatchObject({ serverInfo: { name: "fixture" } });
    const list = await client.request("tools/list", {});
    expect((list.result as { tools: { name: string }[] }).tools.map((tool) => tool.name)).toEqual(["echo"]);
    const echo = await client.request("tools/call", { name: "echo", arguments: { text: "hi" } });
    expect(echo.result).toMatchObject({ content: [{ type: "text", text: "echo: hi" }] });
    const wipe = await client.request("tools/call", { name: "wipe", arguments: {} });
    expect(wipe.result).toMatchObject({ isError: true });
    expect(JSON.stringify(wipe.result)).toContain("tool_not_in_allowlist");

    toProxy.end();
    expect(await running).toBe(0);
    expect(io.err).toContain("the client disconnected");

    const { code, out } = await verifyAudit(cwd, "--key", key.publicKey);
    expect(out).toContain("2 records");
    expect(code).toBe(0);
  });

  it("passes the policy's signing.mode to the audit appender", async () => {
    const cwd = await mkdtemp(join(tmpdir(), "sec0-cli-proxy-"));
    await writeFile(join(cwd, "policy.yaml"), POLICY.replace("signing:\n", "signing:\n  mode: checkpoint\n"));
    const key = generateKeyFile(".sec0/keys/ed25519.key", { cwd });
    const io = captureIo(cwd);
    const { running, toProxy, client } = startStdioProxy(fixture, io);
    cleanups.push(client.close);
    await client.initialize();
    await client.request("tools/call", { name: "echo", arguments: { text: "hi" } });
    toProxy.end();
    expect(await running).toBe(0);

    const { code, out } = await verifyAudit(cwd, "--public-key", key.publicKey);
    expect(out).toContain("signing checkpoint (1 unsigned, covered by checkpoints)");
    expect(code).toBe(0);
  });

  it("refuses to start without a signing key and says how to get one", async () => {
    const cwd = await mkdtemp(join(tmpdir(), "sec0-cli-proxy-"));
    await writeFile(join(cwd, "policy.yaml"), "tenant: acme\n");
    const io = captureIo(cwd);
    const code = await runCli(
      ["mcp", "proxy", "--policy", "policy.yaml", "--", process.execPath, fixture],
      io,
    );
    expect(code).toBe(1);
    expect(io.err).toContain("MCP_PROXY_SIGNING_KEY_MISSING");
    expect(io.err).toContain("sec0 keygen");
  });

  it("rejects a bad --http port", async () => {
    const io = captureIo(tmpdir());
    const code = await runCli(["mcp", "proxy", "--policy", "p.yaml", "--http", "http", "--", "node"], io);
    expect(code).not.toBe(0);
    expect(io.err).toContain("a port is a whole number");
  });
});
