import { mkdir, open, readdir, readFile } from "node:fs/promises";
import { dirname, join, relative, sep } from "node:path";
import { httpError } from "../errors.js";

/**
 * Where uploaded evidence bytes live. Keys are `/`-separated paths without `.` or `..`
 * segments. `put` with an `offset` writes at that byte position and drops anything after it (an
 * append that a crashed earlier attempt may have started is overwritten, never doubled).
 */
export interface ObjectStore {
  put(key: string, bytes: Uint8Array, offset?: number): Promise<void>;
  /** The object's bytes, or `undefined` when there is none. */
  get(key: string): Promise<Buffer | undefined>;
  /** Every key starting with `prefix`, sorted. */
  list(prefix: string): Promise<string[]>;
}

/** Throws `CP_REQUEST_INVALID` unless `key` is a safe relative object key. */
export function assertObjectKey(key: string): void {
  const segments = key.split("/");
  const bad = segments.some((s) => s === "" || s === "." || s === ".." || /[\\\0]/.test(s));
  if (bad || key.length > 1024) {
    throw httpError("CP_REQUEST_INVALID", "The object key must be a relative path without . or .. segments.");
  }
}

/**
 * An {@link ObjectStore} on the local filesystem under `dir` (one file per key).
 *
 * @example
 * const store = createFilesystemObjectStore("/var/lib/sec0/objects");
 * await store.put("tenants/acme/a.ndjson", bytes, 0);
 */
export function createFilesystemObjectStore(dir: string): ObjectStore {
  const pathOf = (key: string) => {
    assertObjectKey(key);
    return join(dir, ...key.split("/"));
  };
  return {
    async put(key, bytes, offset) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      const handle = await open(path, offset === undefined ? "w" : "a+");
      try {
        const at = offset ?? 0;
        await handle.truncate(at);
        await handle.write(bytes, 0, bytes.length, at);
        await handle.sync();
      } finally {
        await handle.close();
      }
    },
    async get(key) {
      try {
        return await readFile(pathOf(key));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
        throw error;
      }
    },
    async list(prefix) {
      const found: string[] = [];
      const walk = async (at: string): Promise<void> => {
        let entries: import("node:fs").Dirent[];
        try {
          entries = await readdir(at, { withFileTypes: true });
        } catch {
          return;
        }
        for (const entry of entries) {
          const full = join(at, entry.name);
          if (entry.isDirectory()) await walk(full);
          else found.push(relative(dir, full).split(sep).join("/"));
        }
      };
      await walk(dir);
      return found.filter((key) => key.startsWith(prefix)).sort();
    },
  };
}
