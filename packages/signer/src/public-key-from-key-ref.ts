import type { KeyRefOptions } from "./key-ref-options.js";
import { LocalDevSigner } from "./local-dev-signer.js";

/** The public half of a key: what `sec0 key show` prints and an audit verifier needs. */
export interface PublicKeyInfo {
  /** `ed25519:<sha256 hex of the public key>`. */
  readonly keyId: string;
  /** The 32 raw public-key bytes. */
  readonly publicKey: Uint8Array;
}

/**
 * Loads the key a reference points at (same rules as {@link LocalDevSigner.fromKeyRef}) and
 * returns only its public half.
 *
 * @throws {Sec0Error} the codes of {@link LocalDevSigner.fromKeyRef}.
 * @example
 * const { keyId, publicKey } = publicKeyFromKeyRef("file://./.sec0/keys/ed25519.key");
 */
export function publicKeyFromKeyRef(ref: string, options: KeyRefOptions = {}): PublicKeyInfo {
  const signer = LocalDevSigner.fromKeyRef(ref, options);
  return { keyId: signer.keyId, publicKey: signer.publicKey };
}
