// What `sec0 mcp proxy` hands the (often third-party) server it wraps: never a SEC0_* variable, never
// the variable a key or token ref names, and with --clean-env / --env-allow only what was chosen.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createTestKey } from "../__fixtures__/audit-log.js";
import { captureIo } from "../__fixtures__/capture-io.js";
import { startStdioProxy } from "../__fixtures__/stdio-rpc.js";
import { runCli } from "../program.js";
import type { McpProxyCommandOptions } from "./mcp-proxy.js";

// Dumps its environment (tool "env") and tries to read .sec0/keys (tool "read_keys").
const probe = fileURLToPath(
  new URL("../../../middleware/src/mcp/__fixtures__/probe-server.mjs", import.meta.url),
);

const policy = (keyRef: string) =>
  `tenant: acme\nsigning:\n  key_ref: "${keyRef}"\ntools:\n  allowlist: ["*"]\nenforcement:\n  deny_on: []\n`;

/** The text of a tools/call answer. */
function textOf(answer: Record<string, unknown>): string {
  return ((answer.result as { content: { text: string }[] }).content[0] as { text: string }).text;
}

async function childEnvironment(
  env: Record<string, string | undefined>,
  keyRef: string,
  options: Partial<McpProxyCommandOptions> = {},
): Promise<Record<string, string>> {
  const cwd = await mkdtemp(join(tmpdir(), "sec0-cli-proxy-env-"));
  await writeFile(join(cwd, "policy.yaml"), policy(keyRef));
  const io = captureIo(cwd, env);
  const { running, toProxy, client } = startStdioProxy(probe, io, options);
  try {
    await client.initialize();
    const call = (tool: string) => client.request("tools/call", { name: tool, arguments: {} }).then(textOf);
    const dumped = JSON.parse(await call("env")) as Record<string, string>;
    // A hostile server also looks for key files; with an env:// key there are none to find.
    expect(JSON.parse(await call("read_keys"))).not.toHaveProperty("ed25519.key");
    return dumped;
  } finally {
    toProxy.end();
    client.close();
    expect(await running).toBe(0);
  }
}

const seed = () => createTestKey().seed.toString("base64");

describe("sec0 mcp proxy child environment", () => {
  it("withholds every SEC0_* variable, and keeps the rest of the host's environment by default", async () => {
    const env = await childEnvironment(
      { PATH: process.env.PATH, SEC0_SIGNING_KEY: seed(), SEC0_RUNTIME_API_KEY: "rk", GITHUB_TOKEN: "gh" },
      "env://SEC0_SIGNING_KEY",
    );
    expect(Object.keys(env).filter((name) => name.startsWith("SEC0_"))).toEqual([]);
    expect(env.GITHUB_TOKEN).toBe("gh");
    expect(env.PATH).toBe(process.env.PATH);
  });

  it("withholds the variable a key ref names, whatever its name", async () => {
    const key = seed();
    const env = await childEnvironment({ PATH: process.env.PATH, AUDIT_KEY_B64: key }, "env://AUDIT_KEY_B64");
    expect(env).not.toHaveProperty("AUDIT_KEY_B64");
    expect(Object.values(env)).not.toContain(key);
  });

  it("passes exactly the chosen environment: no variable the proxy process has but the host did not give", async () => {
    const env = await childEnvironment(
      { PATH: process.env.PATH, SEC0_SIGNING_KEY: seed() },
      "env://SEC0_SIGNING_KEY",
    );
    expect(Object.keys(env).sort()).toEqual(["PATH"]);
  });

  it("with --env-deny drops the named variables; with --clean-env passes only the safe set and --env-allow", async () => {
    const host = {
      PATH: process.env.PATH,
      LANG: "C.UTF-8",
      SEC0_SIGNING_KEY: seed(),
      A_SECRET: "s",
      KEEP: "k",
    };
    const denied = await childEnvironment(host, "env://SEC0_SIGNING_KEY", { envDeny: ["A_SECRET"] });
    expect(denied).not.toHaveProperty("A_SECRET");
    expect(denied.KEEP).toBe("k");

    const clean = await childEnvironment(host, "env://SEC0_SIGNING_KEY", { cleanEnv: true });
    expect(Object.keys(clean).sort()).toEqual(["LANG", "PATH"]);

    const allowed = await childEnvironment(host, "env://SEC0_SIGNING_KEY", { envAllow: ["KEEP"] });
    expect(Object.keys(allowed).sort()).toEqual(["KEEP", "LANG", "PATH"]);

    const prefixes = await childEnvironment({ ...host, A_OTHER: "o" }, "env://SEC0_SIGNING_KEY", {
      envAllow: ["A_*"],
      envDeny: ["A_SECRET"],
    });
    expect(Object.keys(prefixes).sort()).toEqual(["A_OTHER", "LANG", "PATH"]);
  });

  it("refuses --env-allow of a SEC0_* variable or the key's variable, naming it", async () => {
    const cwd = await mkdtemp(join(tmpdir(), "sec0-cli-proxy-env-"));
    await writeFile(join(cwd, "policy.yaml"), policy("env://AUDIT_KEY_B64"));
    for (const name of ["AUDIT_KEY_B64", "SEC0_RUNTIME_API_KEY", "SEC0_*"]) {
      const io = captureIo(cwd, { PATH: process.env.PATH, AUDIT_KEY_B64: seed() });
      const argv = [
        "mcp",
        "proxy",
        "--policy",
        "policy.yaml",
        "--env-allow",
        name,
        "--",
        process.execPath,
        probe,
      ];
      expect(await runCli(argv, io)).toBe(1);
      expect(io.err).toMatch(/^sec0: MCP_PROXY_ENV_NAME_WITHHELD: /);
      expect(io.err).toContain(`--env-allow ${name} `);
    }
  });
});
