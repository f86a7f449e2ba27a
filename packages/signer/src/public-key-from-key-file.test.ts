import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isSec0Error } from "@sec0/core";
import { writeFileIn } from "@sec0/testkit";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SignerWarning } from "./key-ref-options.js";
import { LocalDevSigner } from "./local-dev-signer.js";
import { publicKeyFromKeyFile } from "./public-key-from-key-file.js";

const seed = new Uint8Array(32).map((_, i) => 200 - i);
const seedBase64 = Buffer.from(seed).toString("base64");
const expected = LocalDevSigner.fromSeed(seed);

let cwd: string;
beforeEach(() => {
  cwd = mkdtempSync(join(tmpdir(), "sec0-key-file-"));
});
afterEach(() => {
  rmSync(cwd, { recursive: true, force: true });
});

const write = (relative: string, content: string | Uint8Array, mode = 0o600): string =>
  writeFileIn(cwd, relative, content, mode);

function codeOf(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (error) {
    if (isSec0Error(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error("expected a Sec0Error");
}

describe("publicKeyFromKeyFile", () => {
  it("reads a key file outside the safe key directories (the user named it)", () => {
    const path = write("downloads/ed25519.key", `${seedBase64}\n`);
    for (const given of [path, "downloads/ed25519.key", "./downloads/ed25519.key"]) {
      const info = publicKeyFromKeyFile(given, { cwd, env: {} });
      expect(info.keyId).toBe(expected.keyId);
      expect(info.publicKey).toEqual(expected.publicKey);
    }
  });

  it("does not widen what signing may read: fromKeyRef still refuses that file", () => {
    write("downloads/ed25519.key", `${seedBase64}\n`);
    expect(
      codeOf(() => LocalDevSigner.fromKeyRef("file://downloads/ed25519.key", { cwd, env: {} })).code,
    ).toBe("SIGNER_KEY_OUTSIDE_SAFE_DIRS");
  });

  it.each([
    ["text that is not base64", "not a key at all!\n", "SIGNER_KEY_ENCODING_INVALID"],
    [
      "raw bytes (`openssl rand 32 > key`, no -base64)",
      new Uint8Array(32).fill(0xfe),
      "SIGNER_KEY_ENCODING_INVALID",
    ],
    ["a 16-byte key", `${Buffer.alloc(16, 1).toString("base64")}\n`, "SIGNER_KEY_LENGTH_INVALID"],
    ["an empty file", "", "SIGNER_KEY_LENGTH_INVALID"],
  ])("refuses %s with a clear code and the fix", (_what, content, code) => {
    write("elsewhere/bad.key", content);
    const error = codeOf(() => publicKeyFromKeyFile("elsewhere/bad.key", { cwd, env: {} }));
    expect(error.code).toBe(code);
    expect(error.message).toContain("elsewhere/bad.key");
    expect(error.message).toContain("openssl rand -base64 32");
  });

  it("refuses a missing file and a directory", () => {
    expect(codeOf(() => publicKeyFromKeyFile("nowhere.key", { cwd, env: {} })).code).toBe(
      "SIGNER_KEY_FILE_NOT_FOUND",
    );
    mkdirSync(join(cwd, "a-dir"));
    expect(codeOf(() => publicKeyFromKeyFile("a-dir", { cwd, env: {} })).code).toBe(
      "SIGNER_KEY_FILE_UNREADABLE",
    );
  });

  it.skipIf(process.platform === "win32")("warns about a key file readable by others", () => {
    write("elsewhere/open.key", seedBase64, 0o644);
    const warnings: SignerWarning[] = [];
    publicKeyFromKeyFile("elsewhere/open.key", { cwd, env: {}, onWarning: (w) => warnings.push(w) });
    expect(warnings).toEqual([expect.objectContaining({ code: "SIGNER_KEY_FILE_PERMISSIVE", mode: "0644" })]);
    expect(warnings[0]?.message).toContain("chmod 600");
  });
});
