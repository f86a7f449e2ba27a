import type { KeyRefOptions } from "./key-ref-options.js";
import { LocalDevSigner } from "./local-dev-signer.js";
import type { PublicKeyInfo } from "./public-key-from-key-ref.js";
import { readKeyFileSeed } from "./read-key-seed.js";

/**
 * The public half of the key file at `path` (relative to `options.cwd`), wherever the file lies:
 * for a file the user names to inspect, as `sec0 key show <file>` does. Signing keys still load
 * only from the safe key directories ({@link LocalDevSigner.fromKeyRef}). A file readable by
 * group or others is a warning, as there.
 *
 * @throws {Sec0Error} `SIGNER_KEY_FILE_NOT_FOUND`, `SIGNER_KEY_FILE_UNREADABLE`,
 * `SIGNER_KEY_ENCODING_INVALID`, `SIGNER_KEY_LENGTH_INVALID`, `SIGNER_KEY_MISMATCH`.
 * @example
 * const { keyId, publicKey } = publicKeyFromKeyFile("/tmp/team-audit.key");
 */
export function publicKeyFromKeyFile(path: string, options: KeyRefOptions = {}): PublicKeyInfo {
  const seed = readKeyFileSeed(path, options);
  try {
    const signer = LocalDevSigner.fromSeed(seed);
    return { keyId: signer.keyId, publicKey: signer.publicKey };
  } finally {
    seed.fill(0);
  }
}
