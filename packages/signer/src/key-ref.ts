import { Sec0Error } from "@sec0/core";

/** A parsed key reference: a file path (relative to the working directory) or an env variable. */
export type KeyRef =
  | { readonly scheme: "file"; readonly path: string }
  | { readonly scheme: "env"; readonly name: string };

const ENV_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Parses `file://<path>` (`file://./.sec0/keys/ed25519.key` is relative to the working directory,
 * `file:///etc/sec0/ed25519.key` is absolute) or `env://<VARIABLE>`.
 *
 * @throws {Sec0Error} `SIGNER_KEY_REF_UNSUPPORTED` for any other scheme; `SIGNER_KEY_REF_INVALID`
 * for an empty path or a malformed variable name.
 * @example
 * parseKeyRef("env://SEC0_SIGNING_KEY"); // { scheme: "env", name: "SEC0_SIGNING_KEY" }
 */
export function parseKeyRef(ref: string): KeyRef {
  const text = ref.trim();
  if (text.startsWith("file://")) {
    const path = text.slice("file://".length);
    if (path === "") throw invalid("file:// needs a path, e.g. file://./.sec0/keys/ed25519.key");
    return { scheme: "file", path };
  }
  if (text.startsWith("env://")) {
    const name = text.slice("env://".length);
    if (!ENV_NAME_PATTERN.test(name)) {
      throw invalid(`"${name}" is not an environment variable name; write env://SEC0_SIGNING_KEY`);
    }
    return { scheme: "env", name };
  }
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(text)?.[1];
  throw new Sec0Error(
    "SIGNER_KEY_REF_UNSUPPORTED",
    `Unsupported key reference${scheme === undefined ? "" : ` scheme "${scheme}:"`}: use ` +
      "file://<path> (e.g. file://./.sec0/keys/ed25519.key) or env://<VARIABLE> (base64 key in the variable).",
    { details: { scheme: scheme ?? null } },
  );
}

function invalid(why: string): Sec0Error {
  return new Sec0Error("SIGNER_KEY_REF_INVALID", `Invalid key reference: ${why}.`);
}
