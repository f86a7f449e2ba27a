// The README's quickstart, step by step through the built bin, in a fresh working directory: init
// prints the admin key once, serve starts on PGlite, and the key validates, publishes a policy and
// fetches it with its ETag and signature.
import { type ChildProcess, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { BIN, serveBin } from "./__fixtures__/serve-bin.js";

const APP_DIR = join(dirname(fileURLToPath(import.meta.url)), "..");
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
});

describe.skipIf(!existsSync(BIN))("README quickstart", () => {
  it("init, serve, validate the key, publish and fetch a policy", async () => {
    expect(readFileSync(join(APP_DIR, "README.md"), "utf8")).toContain("<!-- example: quickstart -->");
    const cwd = await mkdtemp(join(tmpdir(), "sec0-cp-readme-"));
    const init = spawnSync(process.execPath, [BIN, "init", "--tenant", "acme"], { cwd, encoding: "utf8" });
    expect(init.status, init.stderr).toBe(0);
    const key = /^admin key.*: (\S+)$/m.exec(init.stdout)?.[1] ?? "";
    expect(key).toMatch(/^sec0_/);
    // A second init refuses: the tenant has its admin key.
    const again = spawnSync(process.execPath, [BIN, "init", "--tenant", "acme"], { cwd, encoding: "utf8" });
    expect(again.status).toBe(1);
    expect(again.stderr).toContain("CP_CONFLICT");

    const { url, child } = await serveBin(cwd, {}, children);
    const validate = await fetch(`${url}/api/auth/validate-key`, {
      method: "POST",
      headers: { "x-api-key": key },
    });
    expect(await validate.json()).toMatchObject({ tenant: "acme" });
    const put = await fetch(`${url}/api/policy/acme?level=middleware`, {
      method: "PUT",
      headers: { authorization: `Bearer ${key}`, "content-type": "text/yaml" },
      body: 'tenant: acme\ntools:\n  allowlist: ["mcp://files/*"]\n',
    });
    expect(put.status).toBe(201);
    const get = await fetch(`${url}/api/policy/acme?level=middleware`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(get.status).toBe(200);
    expect(get.headers.get("etag")).toMatch(/^"[0-9a-f]{64}"$/);
    expect(get.headers.get("x-sec0-policy-signature")).toMatch(/^ed25519:/);
    expect(await get.text()).toContain("mcp://files/*");

    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });

  it("a bad config stops the start with one line naming the key", async () => {
    const cwd = await mkdtemp(join(tmpdir(), "sec0-cp-readme-"));
    const run = spawnSync(process.execPath, [BIN], {
      cwd,
      encoding: "utf8",
      env: { ...process.env, SEC0_CONTROL_PLANE_PORT: "nope" },
    });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toContain("CP_CONFIG_INVALID");
    expect(run.stderr).toContain("SEC0_CONTROL_PLANE_PORT");
  });
});
