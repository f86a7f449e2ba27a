import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isSec0Error } from "@sec0/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readKeySeed } from "./read-key-seed.js";

let cwd: string;
beforeEach(() => {
  cwd = mkdtempSync(join(tmpdir(), "sec0-read-key-seed-"));
});
afterEach(() => rmSync(cwd, { recursive: true, force: true }));

const KEY = `${Buffer.alloc(32, 7).toString("base64")}\n`;

function failure(ref: string): { code: string; message: string; details: unknown } {
  try {
    readKeySeed(ref, { cwd, env: {} });
  } catch (error) {
    if (isSec0Error(error)) return { code: error.code, message: error.message, details: error.details };
    throw error;
  }
  throw new Error(`${ref} was read`);
}

describe("readKeySeed does not reveal whether a file outside the safe directories exists", () => {
  it("gives the same code, message and details for a missing and an existing outside file", () => {
    const missing = failure("file://elsewhere/ed25519.key");
    mkdirSync(join(cwd, "elsewhere"));
    writeFileSync(join(cwd, "elsewhere/ed25519.key"), KEY, { mode: 0o600 });
    const existing = failure("file://elsewhere/ed25519.key");
    expect(missing.code).toBe("SIGNER_KEY_OUTSIDE_SAFE_DIRS");
    expect(existing).toEqual(missing);
  });

  it("does the same for `..` escapes and for absolute paths", () => {
    mkdirSync(join(cwd, "keys"));
    const ref = "file://keys/../elsewhere/ed25519.key";
    const missing = failure(ref);
    mkdirSync(join(cwd, "elsewhere"));
    writeFileSync(join(cwd, "elsewhere/ed25519.key"), KEY, { mode: 0o600 });
    expect(failure(ref)).toEqual(missing);
    expect(missing.code).toBe("SIGNER_KEY_OUTSIDE_SAFE_DIRS");
    const absolute = `file://${join(cwd, "nope/none.key")}`;
    expect(failure(absolute).code).toBe("SIGNER_KEY_OUTSIDE_SAFE_DIRS");
  });

  it("a symlink out of a safe directory gives the same message whether its target exists", () => {
    mkdirSync(join(cwd, "keys"));
    mkdirSync(join(cwd, "elsewhere"));
    symlinkSync(join(cwd, "elsewhere/ed25519.key"), join(cwd, "keys/link.key"));
    writeFileSync(join(cwd, "elsewhere/ed25519.key"), KEY, { mode: 0o600 });
    const existing = failure("file://keys/link.key");
    expect(existing.code).toBe("SIGNER_KEY_OUTSIDE_SAFE_DIRS");
    expect(existing.message).not.toContain("elsewhere");
    expect(JSON.stringify(existing.details)).not.toContain("elsewhere");
  });

  it("a directory linked out of a safe directory does not tell existing from missing files", () => {
    mkdirSync(join(cwd, "keys"));
    mkdirSync(join(cwd, "elsewhere"));
    writeFileSync(join(cwd, "elsewhere/present.key"), KEY, { mode: 0o600 });
    symlinkSync(join(cwd, "elsewhere"), join(cwd, "keys/out"));
    const existing = failure("file://keys/out/present.key");
    const missing = failure("file://keys/out/absent.key");
    expect(existing.code).toBe("SIGNER_KEY_OUTSIDE_SAFE_DIRS");
    expect(missing.code).toBe(existing.code);
    expect(missing.message.replaceAll("absent", "present")).toBe(existing.message);
    const deeper = failure("file://keys/out/no/such/dir.key");
    expect(deeper.code).toBe("SIGNER_KEY_OUTSIDE_SAFE_DIRS");
  });

  it("still says not found for a missing file inside a safe directory", () => {
    expect(failure("file://.sec0/keys/ed25519.key").code).toBe("SIGNER_KEY_FILE_NOT_FOUND");
  });
});
