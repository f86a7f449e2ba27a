// The seed quickstart's key, made exactly as users make it: `openssl rand -base64 32 > .sec0/keys/ed25519.key`.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { canonicalBytes } from "@sec0/core";
import nacl from "tweetnacl";
import { afterAll, describe, expect, it, vi } from "vitest";
import { LocalDevSigner } from "./local-dev-signer.js";

const hasOpenssl = spawnSync("openssl", ["version"]).status === 0;
if (!hasOpenssl) console.warn("openssl key test skipped: no `openssl` on PATH.");

describe.skipIf(!hasOpenssl)("a key made with `openssl rand -base64 32`", () => {
  const cwd = mkdtempSync(join(tmpdir(), "sec0-openssl-"));
  afterAll(() => rmSync(cwd, { recursive: true, force: true }));

  it("signs what tweetnacl verifies, and verifies what tweetnacl signs", () => {
    mkdirSync(join(cwd, ".sec0/keys"), { recursive: true });
    writeFileSync(join(cwd, ".sec0/keys/ed25519.key"), execFileSync("openssl", ["rand", "-base64", "32"]), {
      mode: 0o600,
    });
    const signer = LocalDevSigner.fromKeyRef("file://./.sec0/keys/ed25519.key", { cwd });
    const data = canonicalBytes({ ts: "2026-01-01T00:00:00.000Z", tool: "read@1.0", decision: "allow" });

    const ours = signer.sign(data);
    expect(nacl.sign.detached.verify(data, ours, signer.publicKey)).toBe(true);

    const seed = Buffer.from(readFileSync(join(cwd, ".sec0/keys/ed25519.key"), "utf8").trim(), "base64");
    const pair = nacl.sign.keyPair.fromSeed(new Uint8Array(seed));
    expect(Buffer.from(pair.publicKey)).toEqual(Buffer.from(signer.publicKey));
    const theirs = nacl.sign.detached(data, pair.secretKey);
    expect(Buffer.from(theirs)).toEqual(Buffer.from(ours));
    expect(signer.verify(data, theirs)).toBe(true);
  });

  it.skipIf(process.platform === "win32")(
    "warns to chmod 600 a key written by `openssl rand -base64 32 > key` under umask 022 (mode 0644)",
    () => {
      mkdirSync(join(cwd, "keys"), { recursive: true });
      execFileSync("sh", ["-c", "umask 022 && openssl rand -base64 32 > keys/made-by-openssl.key"], { cwd });
      expect(statSync(join(cwd, "keys/made-by-openssl.key")).mode & 0o777).toBe(0o644);
      const emitted = vi.spyOn(process, "emitWarning").mockImplementation(() => undefined);
      LocalDevSigner.fromKeyRef("file://keys/made-by-openssl.key", { cwd });
      expect(emitted).toHaveBeenCalledWith(
        expect.stringContaining(`chmod 600 ${join(cwd, "keys/made-by-openssl.key")}`),
        {
          code: "SIGNER_KEY_FILE_PERMISSIVE",
        },
      );
    },
  );
});
