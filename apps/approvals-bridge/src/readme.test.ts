// The README's configuration runs as written: the example validates, and the built bin starts on
// it (secrets from the environment, the audit key of `sec0 keygen`), answers /healthz, and a bad
// config stops the start with one line naming the key and never a secret.
import { type ChildProcess, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startServiceProcess } from "@sec0/testkit";
import { afterAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { parseBridgeConfig } from "./config/load-bridge-config.js";

const here = dirname(fileURLToPath(import.meta.url));
const BIN = join(here, "..", "dist", "main.js");
const readme = readFileSync(join(here, "..", "README.md"), "utf8");
const example = /<!-- example: bridge-config -->\s*```yaml\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
const children: ChildProcess[] = [];
const dirs: string[] = [];
const SECRET_ENV = {
  SEC0_APPROVALS_BRIDGE_TOKEN: "bridge-token-readme-0123456789",
  SEC0_APPROVALS_BRIDGE_SHARED_SECRET: "bridge-secret-readme-0123456789",
  DISCORD_BOT_TOKEN: "discord-token-readme-0123456789",
  TELEGRAM_BOT_TOKEN: "123:telegram-token-readme",
  TELEGRAM_WEBHOOK_SECRET: "telegram-secret-readme",
  SEC0_BRIDGE_ACME_KEY: "sec0_readmekey0_0123456789abcdef",
};

afterAll(() => {
  for (const child of children) child.kill("SIGKILL");
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function workdir(): string {
  const dir = mkdtempSync(join(tmpdir(), "sec0-bridge-readme-"));
  dirs.push(dir);
  mkdirSync(join(dir, ".sec0", "keys"), { recursive: true });
  writeFileSync(join(dir, ".sec0", "keys", "ed25519.key"), `${randomBytes(32).toString("base64")}\n`, {
    mode: 0o600,
  });
  return dir;
}

describe("the README's configuration", () => {
  it("validates", () => {
    expect(example).toContain("control_plane:");
    const config = parseBridgeConfig(parseYaml(example));
    expect(config.tenants.acme?.discord_channels).toEqual(["1111111111111111111"]);
    expect(config.approvers[0]).toMatchObject({ id: "alice", telegram: ["333333333"] });
  });

  it.skipIf(!existsSync(BIN))("starts the built bin, which answers /healthz", async () => {
    const dir = workdir();
    writeFileSync(join(dir, "bridge.yaml"), example);
    const { url, child } = await startServiceProcess({
      bin: BIN,
      cwd: dir,
      env: { ...SECRET_ENV, SEC0_APPROVALS_BRIDGE_CONFIG: "bridge.yaml", SEC0_APPROVALS_BRIDGE_PORT: "0" },
      ready: /"url":"(http:\/\/[^"]+)".*sec0 approvals bridge listening/,
      children,
    });
    expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ ok: true });
    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
  });

  it.skipIf(!existsSync(BIN))(
    "a bad config or a missing secret stops the start with one line, no secret in it",
    () => {
      const dir = workdir();
      writeFileSync(join(dir, "bad.yaml"), `${example}colour: blue\n`);
      writeFileSync(join(dir, "bridge.yaml"), example);
      const run = (config: string, env: Record<string, string>) =>
        spawnSync(process.execPath, [BIN], {
          cwd: dir,
          encoding: "utf8",
          env: { ...process.env, ...env, SEC0_APPROVALS_BRIDGE_CONFIG: config },
        });
      const bad = run("bad.yaml", SECRET_ENV);
      expect(bad.status).toBe(1);
      expect(bad.stderr.trim().split("\n")).toHaveLength(1);
      expect(bad.stderr).toMatch(/^BRIDGE_CONFIG_INVALID: .*colour: unknown key/);
      const { DISCORD_BOT_TOKEN: _missing, ...withoutDiscord } = SECRET_ENV;
      const missing = run("bridge.yaml", withoutDiscord);
      expect(missing.status).toBe(1);
      expect(missing.stderr).toMatch(
        /BRIDGE_CONFIG_INVALID: discord\.bot_token_ref: the variable DISCORD_BOT_TOKEN is not set/,
      );
      for (const value of Object.values(SECRET_ENV)) expect(bad.stderr + missing.stderr).not.toContain(value);
    },
  );
});
