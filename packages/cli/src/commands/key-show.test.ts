import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LocalDevSigner } from "@sec0/signer";
import { writeFileIn } from "@sec0/testkit";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { captureIo } from "../__fixtures__/capture-io.js";
import { runCli } from "../program.js";

const seedBase64 = Buffer.from(new Uint8Array(32).fill(11)).toString("base64");
const expected = LocalDevSigner.fromBase64(seedBase64);
const publicKey = Buffer.from(expected.publicKey).toString("base64");

let cwd: string;
beforeEach(() => {
  cwd = mkdtempSync(join(tmpdir(), "sec0-cli-key-show-"));
});
afterEach(() => {
  rmSync(cwd, { recursive: true, force: true });
});

const write = (relative: string, content: string | Uint8Array, mode = 0o600): string =>
  writeFileIn(cwd, relative, content, mode);

describe("sec0 key show <file>", () => {
  it("prints the public key and key id of a key file outside the safe key directories", async () => {
    const path = write("downloads/team.key", `${seedBase64}\n`);
    for (const given of ["downloads/team.key", path, "file://./downloads/team.key"]) {
      const io = captureIo(cwd, {});
      expect(await runCli(["key", "show", given], io)).toBe(0);
      expect(io.out).toContain(`key id:     ${expected.keyId}`);
      expect(io.out).toContain(`public key: ${publicKey}`);
      expect(io.out).not.toContain(seedBase64);
      // It says signing would refuse that place, and how to allow it.
      expect(io.err).toContain("outside the safe key directories");
      expect(io.err).toContain("SEC0_SIGNER_KEY_DIRS");
    }
    const json = captureIo(cwd, {});
    expect(await runCli(["key", "show", "downloads/team.key", "--json"], json)).toBe(0);
    expect(JSON.parse(json.out)).toEqual({
      keyRef: "file://./downloads/team.key",
      keyId: expected.keyId,
      publicKey,
      publicKeyHex: Buffer.from(expected.publicKey).toString("hex"),
    });
  });

  it("says nothing extra for a key inside a safe key directory", async () => {
    write(".sec0/keys/ed25519.key", `${seedBase64}\n`);
    const io = captureIo(cwd, {});
    expect(await runCli(["key", "show", ".sec0/keys/ed25519.key"], io)).toBe(0);
    expect(io.err).toBe("");
  });

  it.skipIf(process.platform === "win32")("warns with the chmod command for a 0644 file", async () => {
    write("downloads/open.key", `${seedBase64}\n`, 0o644);
    const io = captureIo(cwd, { SEC0_SIGNER_KEY_DIRS: "downloads" });
    expect(await runCli(["key", "show", "downloads/open.key"], io)).toBe(0);
    expect(io.err).toContain("chmod 600");
    expect(io.err).toContain("open.key");
    expect(io.err).not.toContain("outside the safe key directories");
  });

  it.each([
    ["garbage text", "this is not a key\n", "SIGNER_KEY_ENCODING_INVALID"],
    ["raw bytes from `openssl rand 32 > key`", new Uint8Array(32).fill(0xf0), "SIGNER_KEY_ENCODING_INVALID"],
    [
      "a base64 value of the wrong length",
      `${Buffer.alloc(20, 3).toString("base64")}\n`,
      "SIGNER_KEY_LENGTH_INVALID",
    ],
  ])("exits 1 with a clear code for %s", async (_what, content, code) => {
    write("downloads/bad.key", content);
    const io = captureIo(cwd, {});
    expect(await runCli(["key", "show", "downloads/bad.key"], io)).toBe(1);
    expect(io.err).toMatch(new RegExp(`^sec0: ${code}: The key in downloads/bad\\.key `));
    expect(io.err).toContain("openssl rand -base64 32");
    expect(io.out).toBe("");
    expect(io.err).not.toMatch(/\bat .*\.[jt]s:\d+/);
  });
});
