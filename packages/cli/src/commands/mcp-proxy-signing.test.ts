// What `sec0 mcp proxy` says about its signing key: what to run when the policy has none, and the
// chmod fix for a key file others can read.
import { chmodSync } from "node:fs";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { fileURLToPath } from "node:url";
import { generateKeyFile } from "@sec0/signer";
import { describe, expect, it } from "vitest";
import { captureIo } from "../__fixtures__/capture-io.js";
import { runCli } from "../program.js";
import { runMcpProxy } from "./mcp-proxy.js";

const fixture = fileURLToPath(
  new URL("../../../middleware/src/mcp/__fixtures__/stdio-server.mjs", import.meta.url),
);

describe("sec0 mcp proxy signing key", () => {
  it("without signing in the policy, says to run sec0 keygen and which lines to add", async () => {
    const cwd = await mkdtemp(join(tmpdir(), "sec0-cli-proxy-key-"));
    await writeFile(join(cwd, "policy.yaml"), "tenant: acme\n");
    const io = captureIo(cwd, { PATH: process.env.PATH });
    const code = await runCli(
      ["mcp", "proxy", "--policy", "policy.yaml", "--", process.execPath, fixture],
      io,
    );
    expect(code).toBe(1);
    expect(io.err).toMatch(
      /^sec0: MCP_PROXY_SIGNING_KEY_MISSING: sec0 mcp proxy: policy\.yaml has no signing key/,
    );
    expect(io.err).toContain("sec0 keygen");
    expect(io.err).toContain('signing:\n    enabled: true\n    key_ref: "file://./.sec0/keys/ed25519.key"');
    expect(io.err).toContain("--key");
    // No code-level advice for a command-line user.
    expect(io.err).not.toContain("LocalDevSigner");
    expect(io.err).not.toContain("adapters.auditSink");
    expect(io.out).toBe("");
  });

  it.skipIf(process.platform === "win32")(
    "warns with chmod 600 when the key file is readable by others",
    async () => {
      const cwd = await mkdtemp(join(tmpdir(), "sec0-cli-proxy-key-"));
      await writeFile(
        join(cwd, "policy.yaml"),
        'tenant: acme\nsigning:\n  key_ref: "file://./.sec0/keys/ed25519.key"\ntools:\n  allowlist: ["*"]\n',
      );
      generateKeyFile(".sec0/keys/ed25519.key", { cwd });
      chmodSync(join(cwd, ".sec0/keys/ed25519.key"), 0o644);
      const io = captureIo(cwd, { PATH: process.env.PATH });
      const toProxy = new PassThrough();
      toProxy.end(); // the client leaves at once: the proxy starts, then stops
      const code = await runMcpProxy(
        {
          policy: "policy.yaml",
          auditDir: ".sec0",
          host: "127.0.0.1",
          command: process.execPath,
          args: [fixture],
          stdin: toProxy,
          stdout: new PassThrough(),
        },
        io,
      );
      expect(code).toBe(0);
      expect(io.err).toContain("sec0 mcp proxy: warning: ");
      expect(io.err).toContain(`chmod 600 ${join(cwd, ".sec0/keys/ed25519.key")}`);
      expect(io.out).toBe("");
    },
  );
});
