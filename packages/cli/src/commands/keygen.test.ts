import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LocalDevSigner } from "@sec0/signer";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type CapturedIo, captureIo as captureIoIn } from "../__fixtures__/capture-io.js";
import { runCli } from "../program.js";

let cwd: string;
beforeEach(() => {
  cwd = mkdtempSync(join(tmpdir(), "sec0-cli-keys-"));
});
afterEach(() => {
  rmSync(cwd, { recursive: true, force: true });
});

function captureIo(env: Record<string, string> = {}): CapturedIo {
  return captureIoIn(cwd, env);
}

const seedBase64 = Buffer.from(new Uint8Array(32).fill(5)).toString("base64");
const expected = LocalDevSigner.fromBase64(seedBase64);

describe("sec0 keygen", () => {
  it("writes .sec0/keys/ed25519.key (0600) under the cwd and prints key id, public key and key_ref", async () => {
    const io = captureIo();
    expect(await runCli(["keygen"], io)).toBe(0);
    const path = join(cwd, ".sec0/keys/ed25519.key");
    expect(readFileSync(path, "utf8")).toMatch(/^[A-Za-z0-9+/]{43}=\n$/);
    if (process.platform !== "win32") expect(statSync(path).mode & 0o777).toBe(0o600);
    const signer = LocalDevSigner.fromKeyRef("file://./.sec0/keys/ed25519.key", { cwd, env: {} });
    expect(io.out).toContain(`key id:     ${signer.keyId}`);
    expect(io.out).toContain(`public key: ${Buffer.from(signer.publicKey).toString("base64")}`);
    expect(io.out).toContain('key_ref: "file://./.sec0/keys/ed25519.key"');
    expect(io.out).not.toContain(readFileSync(path, "utf8").trim());
    expect(io.err).toBe("");
  });

  it("writes where --out says, creating directories", async () => {
    const io = captureIo();
    expect(await runCli(["keygen", "--out", "config/keys/audit.key"], io)).toBe(0);
    expect(io.out).toContain('key_ref: "file://./config/keys/audit.key"');
    expect(LocalDevSigner.fromKeyRef("file://./config/keys/audit.key", { cwd, env: {} }).keyId).toMatch(
      /^ed25519:[0-9a-f]{64}$/,
    );
  });

  it("refuses to overwrite an existing key without --force, and replaces it with --force", async () => {
    const first = captureIo();
    expect(await runCli(["keygen"], first)).toBe(0);
    const path = join(cwd, ".sec0/keys/ed25519.key");
    const before = readFileSync(path, "utf8");

    const refused = captureIo();
    expect(await runCli(["keygen"], refused)).toBe(1);
    expect(refused.err).toContain("SIGNER_KEY_FILE_EXISTS");
    expect(refused.err).toContain("--force");
    expect(readFileSync(path, "utf8")).toBe(before);

    const forced = captureIo();
    expect(await runCli(["keygen", "--force"], forced)).toBe(0);
    expect(readFileSync(path, "utf8")).not.toBe(before);
  });

  it("warns when --out lies outside the safe key directories", async () => {
    const io = captureIo();
    expect(await runCli(["keygen", "--out", "elsewhere/k.key"], io)).toBe(0);
    expect(io.err).toContain("outside the safe key directories");
    expect(io.err).toContain("SEC0_SIGNER_KEY_DIRS");
    // It names the command that will refuse the key, not a library function.
    expect(io.err).toContain("sec0 mcp proxy will not sign with it");
    expect(io.err).not.toContain("LocalDevSigner");
    const allowed = captureIo({ SEC0_SIGNER_KEY_DIRS: "elsewhere" });
    expect(await runCli(["keygen", "--out", "elsewhere/k2.key"], allowed)).toBe(0);
    expect(allowed.err).toBe("");
  });
});

describe("sec0 key show", () => {
  function writeKey(relative: string, mode = 0o600): void {
    const path = join(cwd, relative);
    rmSync(path, { force: true });
    writeFileSync(path, `${seedBase64}\n`, { flag: "wx" });
    chmodSync(path, mode);
  }

  it("prints key id and public key for a file:// ref and for a plain path", async () => {
    await runCli(["keygen"], captureIo());
    writeKey(".sec0/keys/ed25519.key");
    for (const ref of [
      "file://./.sec0/keys/ed25519.key",
      ".sec0/keys/ed25519.key",
      join(cwd, ".sec0/keys/ed25519.key"),
    ]) {
      const io = captureIo();
      expect(await runCli(["key", "show", ref], io)).toBe(0);
      expect(io.out).toContain(`key id:     ${expected.keyId}`);
      expect(io.out).toContain(`public key: ${Buffer.from(expected.publicKey).toString("base64")}`);
      expect(io.out).not.toContain(seedBase64);
    }
  });

  it("prints JSON with --json", async () => {
    const plain = captureIo();
    await runCli(["keygen"], captureIo());
    writeKey(".sec0/keys/ed25519.key");
    expect(await runCli(["key", "show", ".sec0/keys/ed25519.key", "--json"], plain)).toBe(0);
    expect(JSON.parse(plain.out)).toMatchObject({
      keyRef: "file://./.sec0/keys/ed25519.key",
      keyId: expected.keyId,
    });

    const io = captureIo({ SEC0_SIGNING_KEY: seedBase64 });
    expect(await runCli(["key", "show", "env://SEC0_SIGNING_KEY", "--json"], io)).toBe(0);
    expect(JSON.parse(io.out)).toEqual({
      keyRef: "env://SEC0_SIGNING_KEY",
      keyId: expected.keyId,
      publicKey: Buffer.from(expected.publicKey).toString("base64"),
      publicKeyHex: Buffer.from(expected.publicKey).toString("hex"),
    });
  });

  it.skipIf(process.platform === "win32")("warns on stderr about a key file readable by others", async () => {
    await runCli(["keygen"], captureIo());
    writeKey(".sec0/keys/ed25519.key", 0o644);
    const io = captureIo();
    expect(await runCli(["key", "show", ".sec0/keys/ed25519.key"], io)).toBe(0);
    expect(io.err).toContain("chmod 600");
    expect(io.err).not.toContain(seedBase64);
  });

  it("exits 1 with the signer's error code, never a stack trace", async () => {
    const missing = captureIo();
    expect(await runCli(["key", "show", ".sec0/keys/none.key"], missing)).toBe(1);
    expect(missing.err).toContain("SIGNER_KEY_FILE_NOT_FOUND");
    expect(missing.err).toContain("sec0 keygen");
    expect(missing.err).not.toMatch(/\bat .*\.[jt]s:\d+/);

    const unset = captureIo();
    expect(await runCli(["key", "show", "env://NOPE"], unset)).toBe(1);
    expect(unset.err).toContain("SIGNER_KEY_ENV_MISSING");

    const scheme = captureIo();
    expect(await runCli(["key", "show", "s3://bucket/key"], scheme)).toBe(1);
    expect(scheme.err).toContain("SIGNER_KEY_REF_UNSUPPORTED");
  });
});
