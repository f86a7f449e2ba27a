// The public API of @sec0/signer, listed by name.

export type { Signer, Verifier } from "@sec0/core";
// 0.2.3's `sec0-sdk/signer` exported these two; they live in @sec0/core now.
export { canonicalize, sha256Hex } from "@sec0/core";
export { fromBase64, toBase64 } from "./base64.js";
export { computeKeyId } from "./ed25519-key-objects.js";
export { ED25519_BACKEND_ENV, ED25519_SIGN_BACKEND, type Ed25519SignBackend } from "./ed25519-sign.js";
export { createEd25519Verifier, type Ed25519Verifier } from "./ed25519-verifier.js";
export { SIGNER_ERRORS, type SignerErrorCode } from "./errors.js";
export { type GeneratedKeyFile, generateKeyFile } from "./generate-key-file.js";
export { type KeyRef, parseKeyRef } from "./key-ref.js";
export type { KeyRefOptions, SignerWarning } from "./key-ref-options.js";
export { LocalDevSigner } from "./local-dev-signer.js";
export { parsePublicKey } from "./parse-public-key.js";
export { publicKeyFromKeyFile } from "./public-key-from-key-file.js";
export { type PublicKeyInfo, publicKeyFromKeyRef } from "./public-key-from-key-ref.js";
export {
  DEFAULT_SAFE_KEY_DIRS,
  isInSafeKeyDir,
  resolveSafeKeyDirs,
  SAFE_KEY_DIRS_ENV,
} from "./safe-key-dirs.js";
