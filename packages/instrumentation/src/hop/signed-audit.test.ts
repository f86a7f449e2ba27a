import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { verifyAuditFile } from "@sec0/audit";
import { generateKeyFile, SAFE_KEY_DIRS_ENV } from "@sec0/signer";
import { afterEach, describe, expect, it, vi } from "vitest";
import { initializeSec0App, resetSec0AppForTests, resolveHop } from "../config/index.js";
import { initTestApp, TEST_HOPS } from "./__fixtures__/test-app.js";
import { closeHopAudit, flushHopAudit } from "./hop-audit-sink.js";
import { runHop } from "./run-hop.js";

afterEach(async () => {
  await closeHopAudit();
  resetSec0AppForTests();
  vi.unstubAllEnvs();
});

describe("signed hop records", () => {
  it("writes records through the profile's Sec0Appender that verify with its key", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "sec0-hop-audit-"));
    const key = generateKeyFile(".sec0/keys/ed25519.key", { cwd });
    vi.stubEnv(SAFE_KEY_DIRS_ENV, join(cwd, ".sec0", "keys"));
    const profile = initTestApp({}, cwd);
    const hop = resolveHop("OrderAgent.run", "agent");
    runHop(hop, { self: undefined, args: [{}], invoke: () => "one" }, { profile });
    await runHop(hop, { self: undefined, args: [{}], invoke: async () => "two" }, { profile });
    await flushHopAudit();
    const files = readdirSync(profile.auditDir).filter((name) => name.endsWith(".ndjson"));
    expect(files).toHaveLength(1);
    const report = await verifyAuditFile(join(profile.auditDir, files[0] as string), {
      publicKey: key.publicKey,
    });
    expect(report.problem).toBeUndefined();
    expect(report.status).toBe("valid");
    expect(report.records).toBe(2);
  });

  it("signs through Merkle checkpoints with controlPlane.auditSigning: checkpoint", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "sec0-hop-audit-"));
    const keysDir = mkdtempSync(join(tmpdir(), "sec0-hop-keys-"));
    const key = generateKeyFile(join(keysDir, "ed25519.key"));
    const profile = initializeSec0App(
      {
        app: { tenant: "t", environment: "dev", client: { name: "c", version: "1" }, hops: TEST_HOPS },
        controlPlane: { sec0Dir: ".sec0", localSignerPath: key.path, auditSigning: "checkpoint" },
      },
      { cwd, env: { [SAFE_KEY_DIRS_ENV]: keysDir } },
    );
    const hop = resolveHop("OrderAgent.run", "agent");
    for (const value of ["one", "two", "three"])
      await runHop(hop, { self: undefined, args: [{}], invoke: async () => value }, { profile });
    await closeHopAudit();
    const file = join(
      profile.auditDir,
      readdirSync(profile.auditDir).find((name) => name.endsWith(".ndjson")) as string,
    );
    const lines = readFileSync(file, "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(
      lines.filter((line) => line.hop_key === "OrderAgent.run").every((line) => line.sig === undefined),
    ).toBe(true);
    expect(lines.at(-1)).toMatchObject({ type: "sec0.checkpoint", sig: expect.stringMatching(/^ed25519:/) });
    const report = await verifyAuditFile(file, { publicKey: key.publicKey });
    expect(report.problem).toBeUndefined();
    expect(report.status).toBe("valid");
  });

  it("refuses an unknown controlPlane.auditSigning, naming the key", () => {
    expect(() =>
      initializeSec0App(
        {
          app: { tenant: "t", environment: "dev", client: { name: "c" } },
          controlPlane: { sec0Dir: ".sec0", localSignerPath: "k", auditSigning: "never" },
        },
        { cwd: tmpdir(), env: {} },
      ),
    ).toThrow(
      expect.objectContaining({
        code: "INSTRUMENTATION_CONFIG_INVALID",
        details: expect.objectContaining({ field: "controlPlane.auditSigning" }),
      }),
    );
  });

  it("loads the key with the env and cwd given to initializeSec0App, not only process.env", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "sec0-hop-audit-"));
    const keysDir = mkdtempSync(join(tmpdir(), "sec0-hop-keys-"));
    const key = generateKeyFile(join(keysDir, "ed25519.key"));
    const profile = initializeSec0App(
      {
        app: { tenant: "t", environment: "dev", client: { name: "c", version: "1" }, hops: TEST_HOPS },
        controlPlane: { sec0Dir: ".sec0", localSignerPath: key.path },
      },
      { cwd, env: { [SAFE_KEY_DIRS_ENV]: keysDir } },
    );
    const hop = resolveHop("OrderAgent.run", "agent");
    await runHop(hop, { self: undefined, args: [{}], invoke: async () => "ok" }, { profile });
    await flushHopAudit();
    expect(readdirSync(profile.auditDir).filter((name) => name.endsWith(".ndjson"))).toHaveLength(1);
  });

  it("opens no key before the first call, and fails that call when the key is missing", () => {
    const cwd = mkdtempSync(join(tmpdir(), "sec0-hop-audit-"));
    vi.stubEnv(SAFE_KEY_DIRS_ENV, join(cwd, ".sec0", "keys"));
    const profile = initTestApp({}, cwd);
    const hop = resolveHop("OrderAgent.run", "agent");
    let ran = false;
    expect(() =>
      runHop(
        hop,
        {
          self: undefined,
          args: [{}],
          invoke: () => {
            ran = true;
          },
        },
        { profile },
      ),
    ).toThrow(expect.objectContaining({ code: expect.stringMatching(/^SIGNER_KEY_/) }));
    expect(ran).toBe(false);
  });
});
