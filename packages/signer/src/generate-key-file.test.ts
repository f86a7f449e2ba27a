import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { generateKeyFile } from "./generate-key-file.js";
import { LocalDevSigner } from "./local-dev-signer.js";

let cwd: string;
beforeEach(() => {
  cwd = mkdtempSync(join(tmpdir(), "sec0-keygen-"));
});
afterEach(() => {
  rmSync(cwd, { recursive: true, force: true });
});

describe("generateKeyFile", () => {
  it("writes base64 of a 32-byte seed and a newline, mode 0600, loadable by fromKeyRef", () => {
    const result = generateKeyFile(".sec0/keys/ed25519.key", { cwd });
    expect(result.path).toBe(join(cwd, ".sec0/keys/ed25519.key"));
    const content = readFileSync(result.path, "utf8");
    expect(content).toMatch(/^[A-Za-z0-9+/]{43}=\n$/);
    if (process.platform !== "win32") expect(statSync(result.path).mode & 0o777).toBe(0o600);
    const signer = LocalDevSigner.fromKeyRef("file://./.sec0/keys/ed25519.key", { cwd, env: {} });
    expect(signer.keyId).toBe(result.keyId);
    expect(signer.publicKey).toEqual(result.publicKey);
  });

  it.skipIf(process.platform === "win32")(
    "writes mode 0600 and new directories 0700 whatever the umask (0022 as `openssl rand > file` sees, or 0)",
    () => {
      for (const mask of [0o022, 0o000]) {
        const previous = process.umask(mask);
        try {
          const result = generateKeyFile(`umask-${mask}/keys/ed25519.key`, { cwd });
          expect(statSync(result.path).mode & 0o777).toBe(0o600);
          expect(statSync(join(cwd, `umask-${mask}/keys`)).mode & 0o777).toBe(0o700);
          expect(statSync(join(cwd, `umask-${mask}`)).mode & 0o777).toBe(0o700);
        } finally {
          process.umask(previous);
        }
      }
    },
  );

  it("makes a different key each time", () => {
    const a = generateKeyFile("keys/a.key", { cwd });
    const b = generateKeyFile("keys/b.key", { cwd });
    expect(a.keyId).not.toBe(b.keyId);
  });

  it("refuses to overwrite unless forced, and a forced file is 0600 again", () => {
    const path = join(cwd, "keys/k.key");
    const first = generateKeyFile("keys/k.key", { cwd });
    expect(() => generateKeyFile("keys/k.key", { cwd })).toThrow(
      expect.objectContaining({ code: "SIGNER_KEY_FILE_EXISTS" }),
    );
    expect(readFileSync(path, "utf8")).not.toBe("");
    writeFileSync(path, "old", { mode: 0o644 });
    const second = generateKeyFile("keys/k.key", { cwd, force: true });
    expect(second.keyId).not.toBe(first.keyId);
    if (process.platform !== "win32") expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it("reports an unwritable location", () => {
    writeFileSync(join(cwd, "file"), "");
    expect(() => generateKeyFile("file/k.key", { cwd })).toThrow(
      expect.objectContaining({ code: "SIGNER_KEY_FILE_UNWRITABLE" }),
    );
  });
});
