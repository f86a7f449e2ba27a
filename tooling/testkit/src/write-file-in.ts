import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * Writes `content` to `relative` under `dir` (folders created) with `mode` (default 0o600, what a
 * key file should have); returns the absolute path. For tests that lay out key and secret files.
 *
 * @example
 * writeFileIn(cwd, ".sec0/keys/ed25519.key", keyText, 0o644); // a key readable by others
 */
export function writeFileIn(
  dir: string,
  relative: string,
  content: string | Uint8Array,
  mode = 0o600,
): string {
  const path = join(dir, relative);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  chmodSync(path, mode);
  return path;
}
