import { createPublicKey, type KeyObject } from "node:crypto";
import { Sec0Error, type Signer, type Verifier } from "@sec0/core";
import { toBase64 } from "./base64.js";
import { decodeKeyText, seedFromKeyBytes } from "./decode-key-text.js";
import { computeKeyId, createPrivateKeyObject, exportRawPublicKey } from "./ed25519-key-objects.js";
import { createSignFunction, ED25519_SIGN_BACKEND, type Ed25519SignBackend } from "./ed25519-sign.js";
import { verifyWithKeyObject } from "./ed25519-verifier.js";
import type { KeyRefOptions } from "./key-ref-options.js";
import { readKeySeed } from "./read-key-seed.js";

const INSPECT = Symbol.for("nodejs.util.inspect.custom");

/**
 * An Ed25519 signer over a local key: libsodium (the optional `sodium-native` dependency) when it
 * loads, else node:crypto; signatures are byte-identical either way, and to tweetnacl's.
 * The key material stays inside: errors, logs, `JSON.stringify` and `util.inspect` show only
 * the key id and public key.
 *
 * @example
 * const signer = LocalDevSigner.fromKeyRef("file://./.sec0/keys/ed25519.key");
 * const signature = signer.sign(new TextEncoder().encode("hello"));
 */
export class LocalDevSigner implements Signer, Verifier {
  /** `ed25519:<sha256 hex of the 32-byte public key>`. */
  readonly keyId: string;
  readonly #publicKey: Uint8Array;
  readonly #publicKeyObject: KeyObject;
  readonly #sign: (data: Uint8Array) => Uint8Array;

  private constructor(seed: Uint8Array) {
    const privateKey = createPrivateKeyObject(seed);
    this.#sign = createSignFunction(seed, privateKey);
    this.#publicKeyObject = createPublicKey(privateKey);
    this.#publicKey = exportRawPublicKey(this.#publicKeyObject);
    this.keyId = computeKeyId(this.#publicKey);
  }

  /**
   * Loads the key a reference points at: `file://<path>` (relative to `options.cwd`, inside a
   * safe key directory after resolving symlinks) or `env://<VARIABLE>`; base64 of a 32-byte seed
   * or a 64-byte NaCl secret key. A key file readable by group or others is a warning.
   *
   * `ref` may be `undefined` (a parsed policy's `policy.signing.key_ref` when it names no key):
   * that throws `SIGNER_KEY_REF_MISSING`, saying what to add to the policy.
   *
   * @throws {Sec0Error} `SIGNER_KEY_REF_MISSING`, `SIGNER_KEY_REF_UNSUPPORTED`, `SIGNER_KEY_REF_INVALID`, `SIGNER_KEY_FILE_NOT_FOUND`,
   * `SIGNER_KEY_FILE_UNREADABLE`, `SIGNER_KEY_OUTSIDE_SAFE_DIRS`, `SIGNER_KEY_ENV_MISSING`,
   * `SIGNER_KEY_ENCODING_INVALID`, `SIGNER_KEY_LENGTH_INVALID`, `SIGNER_KEY_MISMATCH`.
   * @example
   * const signer = LocalDevSigner.fromKeyRef("env://SEC0_SIGNING_KEY");
   */
  static fromKeyRef(ref: string | undefined, options: KeyRefOptions = {}): LocalDevSigner {
    if (ref === undefined || ref.trim() === "") throw keyRefMissing();
    return LocalDevSigner.#fromOwnedSeed(readKeySeed(ref, options));
  }

  /**
   * A signer for a 32-byte seed (or a 64-byte NaCl secret key); the bytes are copied.
   *
   * @throws {Sec0Error} `SIGNER_KEY_LENGTH_INVALID`, `SIGNER_KEY_MISMATCH`.
   * @example
   * const signer = LocalDevSigner.fromSeed(new Uint8Array(32).fill(7));
   */
  static fromSeed(seed: Uint8Array): LocalDevSigner {
    return LocalDevSigner.#fromOwnedSeed(seedFromKeyBytes(seed, { givenTo: "LocalDevSigner.fromSeed" }));
  }

  /**
   * A signer for the base64 text of a 32-byte seed or 64-byte NaCl secret key (a key file's content).
   *
   * @throws {Sec0Error} `SIGNER_KEY_ENCODING_INVALID`, `SIGNER_KEY_LENGTH_INVALID`, `SIGNER_KEY_MISMATCH`.
   * @example
   * const signer = LocalDevSigner.fromBase64(process.env.SEC0_SIGNING_KEY ?? "");
   */
  static fromBase64(text: string): LocalDevSigner {
    return LocalDevSigner.#fromOwnedSeed(decodeKeyText(text, { givenTo: "LocalDevSigner.fromBase64" }));
  }

  static #fromOwnedSeed(seed: Uint8Array): LocalDevSigner {
    try {
      return new LocalDevSigner(seed);
    } finally {
      seed.fill(0);
    }
  }

  /** The 32 raw public-key bytes (a copy). */
  get publicKey(): Uint8Array {
    return this.#publicKey.slice();
  }

  /** Which implementation signs: `libsodium` or `node:crypto` (same signatures). */
  get signBackend(): Ed25519SignBackend {
    return ED25519_SIGN_BACKEND;
  }

  /** A detached 64-byte Ed25519 signature of `data`. */
  sign(data: Uint8Array): Uint8Array {
    return this.#sign(data);
  }

  /** True when `signature` is this key's Ed25519 signature of `data`; never throws. */
  verify(data: Uint8Array, signature: Uint8Array): boolean {
    return verifyWithKeyObject(this.#publicKeyObject, data, signature);
  }

  /** The public view only: `{ type, keyId, publicKey }` (public key in base64). */
  toJSON(): { type: "LocalDevSigner"; keyId: string; publicKey: string } {
    return { type: "LocalDevSigner", keyId: this.keyId, publicKey: toBase64(this.#publicKey) };
  }

  /** What `console.log` and `util.inspect` show: the key id, nothing secret. */
  [INSPECT](): string {
    return `LocalDevSigner { keyId: '${this.keyId}' }`;
  }

  /** The key id, so string interpolation never reaches anything else. */
  toString(): string {
    return `LocalDevSigner(${this.keyId})`;
  }
}

function keyRefMissing(): Sec0Error {
  return new Sec0Error(
    "SIGNER_KEY_REF_MISSING",
    "LocalDevSigner.fromKeyRef got no key reference: the policy has no signing.key_ref. " +
      "Create a key with `npx sec0 keygen` and add to policy.yaml:\n" +
      'signing:\n  enabled: true\n  key_ref: "file://./.sec0/keys/ed25519.key"',
  );
}
