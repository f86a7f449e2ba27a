import type { Logger } from "@sec0/core";

/** A non-fatal finding while loading a key; never carries key material. */
export interface SignerWarning {
  /** `SIGNER_KEY_FILE_PERMISSIVE`: the key file is readable by group or others. */
  readonly code: "SIGNER_KEY_FILE_PERMISSIVE";
  readonly message: string;
  /** The key file as given (relative paths as written in the reference). */
  readonly path: string;
  /** The file mode in octal, e.g. `"0644"`. */
  readonly mode: string;
}

/** Where and how a key reference is resolved. Every field has a process default. */
export interface KeyRefOptions {
  /** Directory that relative `file://` paths and the safe key directories resolve against. Default `process.cwd()`. */
  readonly cwd?: string;
  /** Environment for `env://` refs and `SEC0_SIGNER_KEY_DIRS`. Default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Receives warnings (`warn`); silent by default. */
  readonly logger?: Logger;
  /** Called once per warning, after the logger. */
  readonly onWarning?: (warning: SignerWarning) => void;
}
