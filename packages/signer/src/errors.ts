import { defineErrorCodes } from "@sec0/core";

/** The error codes `@sec0/signer` throws, each with what it means; docs/errors.md says what to do. */
export const SIGNER_ERRORS = defineErrorCodes({
  SIGNER_KEY_REF_MISSING: "fromKeyRef got no key reference (a policy without signing.key_ref).",
  SIGNER_KEY_REF_UNSUPPORTED:
    "A key reference is neither file://<path> nor env://<VARIABLE> (a plain path included).",
  SIGNER_KEY_REF_INVALID: "file:// has no path, or env:// is not followed by a valid variable name.",
  SIGNER_KEY_FILE_NOT_FOUND: "No file at the key path (the message gives it as written and resolved).",
  SIGNER_KEY_FILE_UNREADABLE: "The key path is a directory, larger than 4 KB, or cannot be opened.",
  SIGNER_KEY_OUTSIDE_SAFE_DIRS: "The key file, after resolving ..",
  SIGNER_KEY_ENV_MISSING: "The variable of an env:// reference is unset or empty.",
  SIGNER_KEY_ENCODING_INVALID: "The key text is not base64.",
  SIGNER_KEY_LENGTH_INVALID: "The key decodes to a length other than 32 or 64 bytes.",
  SIGNER_KEY_MISMATCH: "A 64-byte key whose second half is not the public key of its first half.",
  SIGNER_KEY_FILE_EXISTS: "sec0 keygen / generateKeyFile would overwrite an existing key file.",
  SIGNER_KEY_FILE_UNWRITABLE: "The key file or its directory cannot be created.",
  SIGNER_PUBLIC_KEY_INVALID: "A public key is not 32 bytes in an accepted form.",
  SIGNER_BASE64_INVALID: "fromBase64 got text outside the standard base64 alphabet.",
});

/** A code of {@link SIGNER_ERRORS}. */
export type SignerErrorCode = keyof typeof SIGNER_ERRORS;
