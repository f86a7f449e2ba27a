// Test helper: copies fixture scripts into a fresh temp dir under the names a test needs.
import { chmodSync, copyFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const here = new URL(".", import.meta.url).pathname;

/** A temp dir holding `fixture` (a file of this folder) as `name`, executable; returns dir and path. */
export function installFixtureBin(fixture: string, name: string, dir = mkdtempSync(join(tmpdir(), "sec0-scanners-"))) {
  const path = join(dir, name);
  copyFileSync(join(here, fixture), path);
  chmodSync(path, 0o755);
  return { dir, path };
}

/** The text of a fixture of this folder. */
export function fixturePath(name: string): string {
  return join(here, name);
}
