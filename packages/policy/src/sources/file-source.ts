import { type FSWatcher, readFileSync, watch } from "node:fs";
import path from "node:path";
import { Sec0Error } from "@sec0/core";
import { parsePolicyYaml } from "../parse-policy-yaml.js";
import {
  createSnapshot,
  type PolicySnapshot,
  type PolicySource,
  type PolicySourceOptions,
} from "./snapshot.js";

/** Options of {@link createFilePolicySource}. */
export interface FilePolicySourceOptions extends PolicySourceOptions {
  readonly path: string;
  /** Reload when the file changes (default true). */
  readonly watch?: boolean;
  /** Quiet period after the last change event before reloading (default 100 ms). */
  readonly debounceMs?: number;
  /** A reload failed; the last good policy stays in force. */
  readonly onError?: (error: unknown) => void;
  /** A reload succeeded. */
  readonly onChange?: (snapshot: PolicySnapshot) => void;
}

/** A file source: also exposes `reload()` to re-read on demand. */
export interface FilePolicySource extends PolicySource {
  reload(): PolicySnapshot;
}

/**
 * A policy YAML file, read at creation and re-read on change (the directory is watched, so
 * editors that save by rename are seen). A broken edit keeps the last good policy and reports the
 * error through `onError`.
 *
 * @throws {Sec0Error} `POLICY_YAML_SYNTAX` / `POLICY_INVALID` when the file is broken at start,
 *   `POLICY_FILE_UNREADABLE` when it cannot be read.
 * @example
 * const source = createFilePolicySource({ path: "./policy.yaml", onError: (e) => console.error(e) });
 */
export function createFilePolicySource(options: FilePolicySourceOptions): FilePolicySource {
  const file = path.resolve(options.cwd ?? process.cwd(), options.path);
  const load = (): PolicySnapshot =>
    createSnapshot(parsePolicyYaml(readPolicyFile(file)), `file:${file}`, options);
  let current = load();
  let timer: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;
  const reload = (): PolicySnapshot => {
    current = load();
    options.onChange?.(current);
    return current;
  };
  const schedule = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      try {
        reload();
      } catch (error) {
        options.onError?.(error);
      }
    }, options.debounceMs ?? 100);
    timer.unref?.();
  };
  if (options.watch !== false) {
    watcher = watch(path.dirname(file), { persistent: false }, (_event, name) => {
      if (name === null || name === path.basename(file)) schedule();
    });
    watcher.on("error", (error) => options.onError?.(error));
  }
  return {
    get: async () => current,
    reload,
    close() {
      if (timer !== undefined) clearTimeout(timer);
      watcher?.close();
    },
  };
}

function readPolicyFile(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw new Sec0Error(
      "POLICY_FILE_UNREADABLE",
      `Cannot read policy file ${file}: ${(error as Error).message}. Check the path.`,
      {
        details: { path: file },
        cause: error,
      },
    );
  }
}
