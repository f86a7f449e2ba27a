import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { canonicalBytes, isSec0Error, type Logger } from "@sec0/core";
import { createSeededKeyPair, writeFileIn } from "@sec0/testkit";
import nacl from "tweetnacl";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SignerWarning } from "./key-ref-options.js";
import { LocalDevSigner } from "./local-dev-signer.js";

// RFC 8032 §7.1 TEST 1 and TEST 2.
const RFC8032 = [
  {
    seed: "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
    publicKey: "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
    message: "",
    signature:
      "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
  },
  {
    seed: "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
    publicKey: "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
    message: "72",
    signature:
      "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00",
  },
];

const hex = (text: string) => new Uint8Array(Buffer.from(text, "hex"));
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");
const seed = new Uint8Array(32).map((_, i) => i * 7 + 3);
const seedBase64 = b64(seed);

let cwd: string;
beforeEach(() => {
  cwd = mkdtempSync(join(tmpdir(), "sec0-signer-"));
});
afterEach(() => {
  rmSync(cwd, { recursive: true, force: true });
});

const writeKey = (relative: string, content: string | Uint8Array, mode = 0o600): string =>
  writeFileIn(cwd, relative, content, mode);

function catchError(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (error) {
    if (isSec0Error(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error("expected a Sec0Error");
}

describe("signing", () => {
  it.each(RFC8032.map((v, i) => [i + 1, v] as const))("matches RFC 8032 TEST %i", (_n, vector) => {
    const signer = LocalDevSigner.fromSeed(hex(vector.seed));
    expect(Buffer.from(signer.publicKey).toString("hex")).toBe(vector.publicKey);
    expect(Buffer.from(signer.sign(hex(vector.message))).toString("hex")).toBe(vector.signature);
  });

  it("is byte-identical to tweetnacl, and each verifies the other's signatures", () => {
    const pair = nacl.sign.keyPair.fromSeed(seed);
    const signer = LocalDevSigner.fromSeed(seed);
    expect(signer.publicKey).toEqual(pair.publicKey);
    for (const size of [0, 1, 64, 1024, 10_000]) {
      const data = canonicalBytes({ size, body: "x".repeat(size), nested: { b: 2, a: [1, true, null] } });
      const ours = signer.sign(data);
      const theirs = nacl.sign.detached(data, pair.secretKey);
      expect(Buffer.from(ours).equals(Buffer.from(theirs))).toBe(true);
      expect(nacl.sign.detached.verify(data, ours, pair.publicKey)).toBe(true);
      expect(signer.verify(data, theirs)).toBe(true);
    }
  });

  it("agrees with the testkit's seeded key pair", () => {
    const pair = createSeededKeyPair("signer-test");
    const signer = LocalDevSigner.fromSeed(pair.seed);
    const data = new TextEncoder().encode("hello");
    expect(signer.keyId).toBe(pair.keyId);
    expect(signer.sign(data)).toEqual(pair.signer.sign(data));
  });

  it("has key id ed25519:<sha256 hex of the raw public key>", () => {
    const signer = LocalDevSigner.fromSeed(hex(RFC8032[0]!.seed));
    expect(signer.keyId).toBe("ed25519:21fe31dfa154a261626bf854046fd2271b7bed4b6abe45aa58877ef47f9721b9");
  });

  it("accepts a 64-byte NaCl secret key and signs like its seed", () => {
    const pair = nacl.sign.keyPair.fromSeed(seed);
    const fromSecret = LocalDevSigner.fromSeed(pair.secretKey);
    const fromBase64 = LocalDevSigner.fromBase64(b64(pair.secretKey));
    expect(fromSecret.keyId).toBe(LocalDevSigner.fromSeed(seed).keyId);
    expect(fromBase64.keyId).toBe(fromSecret.keyId);
  });

  it("rejects a 64-byte key whose second half is not its public key", () => {
    const pair = nacl.sign.keyPair.fromSeed(seed);
    const forged = pair.secretKey.slice();
    forged[40] = (forged[40] ?? 0) ^ 0xff;
    expect(catchError(() => LocalDevSigner.fromSeed(forged)).code).toBe("SIGNER_KEY_MISMATCH");
    expect(catchError(() => LocalDevSigner.fromBase64(b64(forged))).code).toBe("SIGNER_KEY_MISMATCH");
  });

  it.each([
    ["Uint8Array", () => seed.slice()],
    ["Buffer", () => Buffer.from(seed)],
  ])("neither keeps nor wipes the caller's seed (%s)", (_kind, makeCopy) => {
    const copy = makeCopy();
    const signer = LocalDevSigner.fromSeed(copy);
    expect(Uint8Array.from(copy)).toEqual(seed);
    const before = signer.sign(new Uint8Array([1]));
    copy.fill(0);
    expect(signer.sign(new Uint8Array([1]))).toEqual(before);
  });
});

describe("never disclosing key material", () => {
  it("shows only the key id and public key in JSON, inspect and string form", () => {
    const signer = LocalDevSigner.fromBase64(seedBase64);
    const seedHex = Buffer.from(seed).toString("hex");
    const json = JSON.stringify({ signer });
    expect(JSON.parse(json)).toEqual({
      signer: { type: "LocalDevSigner", keyId: signer.keyId, publicKey: b64(signer.publicKey) },
    });
    for (const text of [json, inspect(signer, { showHidden: true, depth: 5 }), String(signer), `${signer}`]) {
      expect(text).not.toContain(seedBase64);
      expect(text).not.toContain(seedHex);
      expect(text).toContain(signer.keyId);
    }
    expect(Object.keys(signer)).toEqual(["keyId"]);
  });

  it("never puts key text in error messages or details", () => {
    const secret = `${seedBase64.slice(0, 40)}@@`;
    const lengthy = b64(new Uint8Array(40).fill(9));
    for (const text of [secret, lengthy]) {
      try {
        LocalDevSigner.fromBase64(text);
        expect.unreachable();
      } catch (error) {
        expect(isSec0Error(error)).toBe(true);
        const dumped = JSON.stringify(error) + String(error) + inspect(error);
        expect(dumped).not.toContain(text);
        expect(dumped).not.toContain(text.slice(0, 20));
      }
    }
  });
});

describe("LocalDevSigner.fromKeyRef with file://", () => {
  it("loads the quickstart key relative to cwd (openssl output: base64 + newline)", () => {
    writeKey(".sec0/keys/ed25519.key", `${seedBase64}\n`);
    const signer = LocalDevSigner.fromKeyRef("file://./.sec0/keys/ed25519.key", { cwd, env: {} });
    expect(signer.keyId).toBe(LocalDevSigner.fromSeed(seed).keyId);
  });

  it("accepts every default safe directory and absolute paths inside them", () => {
    for (const dir of [".sec0/keys", "keys", "config/keys", ".sec0/secrets", "secrets"]) {
      const path = writeKey(`${dir}/k.key`, seedBase64);
      expect(LocalDevSigner.fromKeyRef(`file://${dir}/k.key`, { cwd, env: {} }).keyId).toMatch(/^ed25519:/);
      expect(LocalDevSigner.fromKeyRef(`file://${path}`, { cwd, env: {} }).keyId).toMatch(/^ed25519:/);
    }
  });

  it("reads a 64-byte key wrapped over two lines, as `openssl rand -base64 64` writes it", () => {
    const secretKey = b64(nacl.sign.keyPair.fromSeed(seed).secretKey);
    writeKey("keys/wrapped.key", `${secretKey.slice(0, 64)}\n${secretKey.slice(64)}\n`);
    const signer = LocalDevSigner.fromKeyRef("file://keys/wrapped.key", { cwd, env: {} });
    expect(signer.keyId).toBe(LocalDevSigner.fromSeed(seed).keyId);
  });

  it("names the path and how to create a key when the file is missing", () => {
    const error = catchError(() =>
      LocalDevSigner.fromKeyRef("file://./.sec0/keys/ed25519.key", { cwd, env: {} }),
    );
    expect(error.code).toBe("SIGNER_KEY_FILE_NOT_FOUND");
    expect(error.message).toContain("./.sec0/keys/ed25519.key");
    expect(error.message).toContain(join(cwd, ".sec0/keys/ed25519.key"));
    expect(error.message).toContain("sec0 keygen");
    expect(error.message).toContain("openssl rand -base64 32");
  });

  it("refuses a key outside the safe directories, listing them and SEC0_SIGNER_KEY_DIRS", () => {
    writeKey("elsewhere/ed25519.key", seedBase64);
    const error = catchError(() =>
      LocalDevSigner.fromKeyRef("file://elsewhere/ed25519.key", { cwd, env: {} }),
    );
    expect(error.code).toBe("SIGNER_KEY_OUTSIDE_SAFE_DIRS");
    expect(error.message).toContain(join(cwd, ".sec0/keys"));
    expect(error.message).toContain(join(cwd, "secrets"));
    expect(error.message).toContain("SEC0_SIGNER_KEY_DIRS");
  });

  it("checks containment after resolving `..`", () => {
    writeKey("elsewhere/ed25519.key", seedBase64);
    mkdirSync(join(cwd, ".sec0/keys"), { recursive: true });
    const error = catchError(() =>
      LocalDevSigner.fromKeyRef("file://.sec0/keys/../../elsewhere/ed25519.key", { cwd, env: {} }),
    );
    expect(error.code).toBe("SIGNER_KEY_OUTSIDE_SAFE_DIRS");
  });

  it("checks containment after resolving symlinks, of the key and of the directory", () => {
    const outside = writeKey("elsewhere/ed25519.key", seedBase64);
    mkdirSync(join(cwd, "keys"), { recursive: true });
    symlinkSync(outside, join(cwd, "keys/link.key"));
    expect(catchError(() => LocalDevSigner.fromKeyRef("file://keys/link.key", { cwd, env: {} })).code).toBe(
      "SIGNER_KEY_OUTSIDE_SAFE_DIRS",
    );
    // A safe directory that is itself a symlink contains what its target contains.
    symlinkSync(join(cwd, "elsewhere"), join(cwd, "secrets"));
    expect(LocalDevSigner.fromKeyRef("file://secrets/ed25519.key", { cwd, env: {} }).keyId).toMatch(
      /^ed25519:/,
    );
  });

  it("lets SEC0_SIGNER_KEY_DIRS replace the defaults", () => {
    writeKey("custom/ed25519.key", seedBase64);
    writeKey("keys/ed25519.key", seedBase64);
    const env = { SEC0_SIGNER_KEY_DIRS: " ./custom , /nonexistent " };
    expect(LocalDevSigner.fromKeyRef("file://custom/ed25519.key", { cwd, env }).keyId).toMatch(/^ed25519:/);
    const error = catchError(() => LocalDevSigner.fromKeyRef("file://keys/ed25519.key", { cwd, env }));
    expect(error.code).toBe("SIGNER_KEY_OUTSIDE_SAFE_DIRS");
    expect(error.message).toContain(join(cwd, "custom"));
    expect(error.message).not.toContain(join(cwd, ".sec0/keys"));
  });

  it("says which lengths are expected for a wrong-length or non-base64 key", () => {
    writeKey("keys/short.key", b64(new Uint8Array(16)));
    writeKey("keys/garbage.key", "not a key!\n");
    writeKey("keys/empty.key", "\n");
    const short = catchError(() => LocalDevSigner.fromKeyRef("file://keys/short.key", { cwd, env: {} }));
    expect(short.code).toBe("SIGNER_KEY_LENGTH_INVALID");
    expect(short.message).toMatch(/16 bytes.*32 bytes.*64 bytes/);
    const garbage = catchError(() => LocalDevSigner.fromKeyRef("file://keys/garbage.key", { cwd, env: {} }));
    expect(garbage.code).toBe("SIGNER_KEY_ENCODING_INVALID");
    expect(garbage.message).toMatch(/32 bytes.*64 bytes/);
    expect(garbage.message).toContain("keys/garbage.key");
    expect(catchError(() => LocalDevSigner.fromKeyRef("file://keys/empty.key", { cwd, env: {} })).code).toBe(
      "SIGNER_KEY_LENGTH_INVALID",
    );
  });

  it("refuses a directory in place of a key file", () => {
    mkdirSync(join(cwd, "keys/dir.key"), { recursive: true });
    expect(catchError(() => LocalDevSigner.fromKeyRef("file://keys/dir.key", { cwd, env: {} })).code).toBe(
      "SIGNER_KEY_FILE_UNREADABLE",
    );
  });

  it.skipIf(process.platform === "win32")(
    "warns through the logger and hook when group or others can read the key",
    () => {
      writeKey("keys/open.key", seedBase64, 0o644);
      const logged: Array<{ obj: object; msg: string }> = [];
      const warnings: SignerWarning[] = [];
      const logger: Logger = {
        debug: () => {},
        info: () => {},
        error: () => {},
        warn: (obj, msg) => logged.push({ obj, msg }),
      };
      LocalDevSigner.fromKeyRef("file://keys/open.key", {
        cwd,
        env: {},
        logger,
        onWarning: (w) => warnings.push(w),
      });
      expect(warnings).toEqual([
        expect.objectContaining({ code: "SIGNER_KEY_FILE_PERMISSIVE", path: "keys/open.key", mode: "0644" }),
      ]);
      expect(warnings[0]?.message).toContain("chmod 600");
      expect(logged).toHaveLength(1);
      expect(JSON.stringify(logged) + JSON.stringify(warnings)).not.toContain(seedBase64);

      writeKey("keys/closed.key", seedBase64, 0o600);
      LocalDevSigner.fromKeyRef("file://keys/closed.key", {
        cwd,
        env: {},
        logger,
        onWarning: (w) => warnings.push(w),
      });
      expect(warnings).toHaveLength(1);
    },
  );
});

describe("LocalDevSigner.fromKeyRef with env:// and other schemes", () => {
  it("says what to add to the policy when there is no key reference (policy.signing.key_ref unset)", () => {
    for (const ref of [undefined, "", "  "]) {
      const error = catchError(() => LocalDevSigner.fromKeyRef(ref, { cwd }));
      expect(error.code).toBe("SIGNER_KEY_REF_MISSING");
      expect(error.message).toContain("LocalDevSigner.fromKeyRef");
      expect(error.message).toContain("sec0 keygen");
      expect(error.message).toContain('key_ref: "file://./.sec0/keys/ed25519.key"');
    }
  });

  it("reads base64 from the variable", () => {
    const signer = LocalDevSigner.fromKeyRef("env://SEC0_SIGNING_KEY", {
      cwd,
      env: { SEC0_SIGNING_KEY: seedBase64 },
    });
    expect(signer.keyId).toBe(LocalDevSigner.fromSeed(seed).keyId);
  });

  it("names the missing variable", () => {
    for (const env of [{}, { SEC0_SIGNING_KEY: "  " }]) {
      const error = catchError(() => LocalDevSigner.fromKeyRef("env://SEC0_SIGNING_KEY", { cwd, env }));
      expect(error.code).toBe("SIGNER_KEY_ENV_MISSING");
      expect(error.message).toContain("SEC0_SIGNING_KEY");
    }
  });

  it("names the variable (not its value) when the key is bad", () => {
    const error = catchError(() =>
      LocalDevSigner.fromKeyRef("env://SEC0_SIGNING_KEY", { cwd, env: { SEC0_SIGNING_KEY: "AAAA" } }),
    );
    expect(error.code).toBe("SIGNER_KEY_LENGTH_INVALID");
    expect(error.message).toContain("env://SEC0_SIGNING_KEY");
  });

  it("refuses other schemes and plain paths with the supported forms", () => {
    for (const ref of ["https://example.com/key", "kms://key/1", ".sec0/keys/ed25519.key"]) {
      const error = catchError(() => LocalDevSigner.fromKeyRef(ref, { cwd, env: {} }));
      expect(error.code).toBe("SIGNER_KEY_REF_UNSUPPORTED");
      expect(error.message).toContain("file://");
      expect(error.message).toContain("env://");
    }
    expect(catchError(() => LocalDevSigner.fromKeyRef("env://1BAD", { cwd, env: {} })).code).toBe(
      "SIGNER_KEY_REF_INVALID",
    );
    expect(catchError(() => LocalDevSigner.fromKeyRef("file://", { cwd, env: {} })).code).toBe(
      "SIGNER_KEY_REF_INVALID",
    );
  });

  it("uses process.cwd() and process.env by default", () => {
    const previous = process.cwd();
    writeKey(".sec0/keys/ed25519.key", seedBase64);
    process.chdir(cwd);
    try {
      expect(LocalDevSigner.fromKeyRef("file://./.sec0/keys/ed25519.key").keyId).toBe(
        LocalDevSigner.fromSeed(seed).keyId,
      );
    } finally {
      process.chdir(previous);
    }
  });
});
