// A key file readable by group or others (what `openssl rand -base64 32 > key` makes under umask
// 022) still loads, but the user is told to `chmod 600` it: through process.emitWarning when the
// caller gave no logger or hook, once per file.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { SignerWarning } from "./key-ref-options.js";
import { LocalDevSigner } from "./local-dev-signer.js";
import { publicKeyFromKeyRef } from "./public-key-from-key-ref.js";

const seedBase64 = Buffer.from(new Uint8Array(32).fill(9)).toString("base64");

let cwd: string;
beforeEach(() => {
  cwd = mkdtempSync(join(tmpdir(), "sec0-key-mode-"));
});
afterEach(() => {
  rmSync(cwd, { recursive: true, force: true });
});

function writeKey(relative: string, mode: number): string {
  const path = join(cwd, relative);
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, `${seedBase64}\n`);
  chmodSync(path, mode);
  return path;
}

/** The SIGNER_KEY_FILE_PERMISSIVE warnings emitted on the process while `fn` ran. */
function processWarnings(fn: () => void): Array<{ message: string; code: unknown }> {
  const spy = vi.spyOn(process, "emitWarning").mockImplementation(() => undefined);
  try {
    fn();
    return spy.mock.calls
      .map(([warning, options]) => ({
        message: String(warning),
        code: typeof options === "object" && options !== null ? options.code : undefined,
      }))
      .filter((warning) => warning.code === "SIGNER_KEY_FILE_PERMISSIVE");
  } finally {
    spy.mockRestore();
  }
}

describe.skipIf(process.platform === "win32")("a key file readable by group or others", () => {
  it("warns on the process with `chmod 600 <path>` when no logger or hook is given (mode 0644)", () => {
    const path = writeKey("keys/open.key", 0o644);
    const warnings = processWarnings(() => {
      LocalDevSigner.fromKeyRef("file://keys/open.key", { cwd, env: {} });
    });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toContain(`chmod 600 ${path}`);
    expect(warnings[0]?.message).toContain("0644");
    expect(warnings[0]?.message).not.toContain(seedBase64);
  });

  it("names the path as written when it is relative to the process's working directory", () => {
    writeKey(".sec0/keys/ed25519.key", 0o640);
    const previous = process.cwd();
    process.chdir(cwd);
    try {
      const warnings = processWarnings(() => {
        LocalDevSigner.fromKeyRef("file://./.sec0/keys/ed25519.key");
      });
      expect(warnings.map((w) => w.message)).toEqual([
        expect.stringContaining("run chmod 600 ./.sec0/keys/ed25519.key"),
      ]);
    } finally {
      process.chdir(previous);
    }
  });

  it("warns once per file, however often it is loaded", () => {
    writeKey("keys/twice.key", 0o644);
    writeKey("keys/other.key", 0o604);
    const warnings = processWarnings(() => {
      LocalDevSigner.fromKeyRef("file://keys/twice.key", { cwd, env: {} });
      LocalDevSigner.fromKeyRef("file://./keys/twice.key", { cwd, env: {} });
      publicKeyFromKeyRef("file://keys/twice.key", { cwd, env: {} });
      LocalDevSigner.fromKeyRef("file://keys/other.key", { cwd, env: {} });
    });
    expect(warnings).toHaveLength(2);
    expect(warnings[0]?.message).toContain("twice.key");
    expect(warnings[1]?.message).toContain("other.key");
  });

  it("does not warn for mode 0600 or 0400", () => {
    writeKey("keys/closed.key", 0o600);
    writeKey("keys/readonly.key", 0o400);
    const warnings = processWarnings(() => {
      LocalDevSigner.fromKeyRef("file://keys/closed.key", { cwd, env: {} });
      LocalDevSigner.fromKeyRef("file://keys/readonly.key", { cwd, env: {} });
    });
    expect(warnings).toEqual([]);
  });

  it("leaves the warning to the caller's hook when one is given, on every load", () => {
    writeKey("keys/hooked.key", 0o644);
    const heard: SignerWarning[] = [];
    const warnings = processWarnings(() => {
      for (let i = 0; i < 2; i += 1) {
        LocalDevSigner.fromKeyRef("file://keys/hooked.key", {
          cwd,
          env: {},
          onWarning: (w) => heard.push(w),
        });
      }
    });
    expect(warnings).toEqual([]);
    expect(heard).toHaveLength(2);
    expect(heard[0]?.message).toContain(`chmod 600 ${join(cwd, "keys/hooked.key")}`);
  });
});
