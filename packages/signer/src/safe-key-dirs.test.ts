import { describe, expect, it } from "vitest";
import { DEFAULT_SAFE_KEY_DIRS, isInside, resolveSafeKeyDirs } from "./safe-key-dirs.js";

describe("resolveSafeKeyDirs", () => {
  it("puts the 0.2.3 defaults under cwd", () => {
    expect(resolveSafeKeyDirs({ cwd: "/app", env: {} })).toEqual([
      "/app/.sec0/keys",
      "/app/keys",
      "/app/config/keys",
      "/app/.sec0/secrets",
      "/app/secrets",
    ]);
    expect(DEFAULT_SAFE_KEY_DIRS).toHaveLength(5);
  });

  it("replaces them with SEC0_SIGNER_KEY_DIRS, relative entries against cwd", () => {
    expect(resolveSafeKeyDirs({ cwd: "/app", env: { SEC0_SIGNER_KEY_DIRS: "/etc/sec0, vault ,," } })).toEqual(
      ["/etc/sec0", "/app/vault"],
    );
  });

  it("keeps the defaults when the variable is empty", () => {
    expect(resolveSafeKeyDirs({ cwd: "/app", env: { SEC0_SIGNER_KEY_DIRS: " , " } })).toHaveLength(5);
  });
});

describe("isInside", () => {
  it("is strict containment, not a prefix match", () => {
    expect(isInside("/app/keys", "/app/keys/a.key")).toBe(true);
    expect(isInside("/app/keys", "/app/keys/sub/a.key")).toBe(true);
    expect(isInside("/app/keys", "/app/keys/..a.key")).toBe(true);
    expect(isInside("/app/keys", "/app/keys")).toBe(false);
    expect(isInside("/app/keys", "/app/keys-evil/a.key")).toBe(false);
    expect(isInside("/app/keys", "/app/a.key")).toBe(false);
    expect(isInside("/app/keys", "/etc/passwd")).toBe(false);
  });
});
