import { existsSync, mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixturePath } from "../__fixtures__/fixture-bins.js";
import { runInSandbox, SANDBOX_NETWORK_BLOCKED } from "./run-in-sandbox.js";
import { isWithheldEnvName } from "./sandbox-env.js";

describe("runInSandbox", () => {
  const server = createServer((socket) => socket.end());
  let port = 0;
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("blocks non-loopback connections, allows 127.0.0.1, keeps writes in its temp dir", async () => {
    const outside = join(mkdtempSync(join(tmpdir(), "sec0-outside-")), "escaped.txt");
    const sandbox = runInSandbox({
      script: fixturePath("sandbox-egress.mjs"),
      args: [String(port), outside],
      timeoutMs: 20_000,
      env: { SEC0_API_KEY: "k", GITHUB_TOKEN: "t", MY_SETTING: "1" },
    });
    const result = await sandbox.result;
    expect(result).toMatchObject({ exitCode: 0, timedOut: false });
    const outcome = JSON.parse(result.stdout);
    expect(outcome).toMatchObject({
      private_ip: SANDBOX_NETWORK_BLOCKED,
      hostname: SANDBOX_NETWORK_BLOCKED,
      loopback: "connected",
      fetch: SANDBOX_NETWORK_BLOCKED,
      http: SANDBOX_NETWORK_BLOCKED,
      outside: "ERR_ACCESS_DENIED",
      cwd: sandbox.dir,
    });
    expect(outcome.env).toEqual(["HOME", "LANG", "MY_SETTING", "PATH", "TMPDIR"]);
    expect(existsSync(join(sandbox.dir, "inside.txt"))).toBe(true);
    expect(existsSync(join(sandbox.dir, "home.txt"))).toBe(true);
    expect(existsSync(outside)).toBe(false);
    await sandbox.dispose();
    expect(existsSync(sandbox.dir)).toBe(false);
  });

  it("SIGKILLs a script that runs past its timeout", async () => {
    const sandbox = runInSandbox({ script: fixturePath("sandbox-hang.mjs"), timeoutMs: 500 });
    const result = await sandbox.result;
    expect(result).toMatchObject({ timedOut: true, signal: "SIGKILL" });
    await sandbox.dispose();
  });

  it("withholds sec0 settings and secret-looking variables", () => {
    for (const name of [
      "SEC0_TENANT",
      "AWS_SECRET_ACCESS_KEY",
      "NPM_TOKEN",
      "OPENAI_API_KEY",
      "NODE_OPTIONS",
    ]) {
      expect(isWithheldEnvName(name)).toBe(true);
    }
    expect(isWithheldEnvName("LOG_LEVEL")).toBe(false);
  });
});
