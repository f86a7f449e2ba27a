import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { Signer } from "@sec0/core";
import { generateKeyFile, LocalDevSigner } from "@sec0/signer";
import type { ControlPlaneConfig } from "./config/config-schema.js";

/** Where the signing key is created when `signing_key_ref` is not set (relative to the working directory). */
export const DEFAULT_KEY_PATH = ".sec0/keys/control-plane.key";

/**
 * The key the control plane signs policy versions with: `signing_key_ref` when set, else
 * `.sec0/keys/control-plane.key` (one of the signer's safe key directories), created (mode 0600)
 * on first start. Returns whether it was created.
 */
export function loadSigningKey(
  config: ControlPlaneConfig,
  cwd: string,
  env: NodeJS.ProcessEnv,
): { readonly signer: Signer; readonly created: boolean } {
  if (config.signing_key_ref !== undefined) {
    return { signer: LocalDevSigner.fromKeyRef(config.signing_key_ref, { cwd, env }), created: false };
  }
  const path = resolve(cwd, DEFAULT_KEY_PATH);
  const created = !existsSync(path);
  if (created) generateKeyFile(path);
  return { signer: LocalDevSigner.fromKeyRef(`file://${DEFAULT_KEY_PATH}`, { cwd, env }), created };
}
