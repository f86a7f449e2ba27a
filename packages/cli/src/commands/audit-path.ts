import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import { Sec0Error } from "@sec0/core";

/** What an audit command's path argument names. */
export interface AuditTarget {
  readonly path: string;
  readonly kind: "dir" | "file";
}

/**
 * Resolves an audit command's `<path>` against `cwd` and says whether it is the audit directory
 * or one day file.
 *
 * @throws {Sec0Error} `AUDIT_PATH_NOT_FOUND` naming `command`, when nothing is there or (with
 * `dirOnly`) it is not a directory.
 */
export async function resolveAuditTarget(
  command: string,
  cwd: string,
  path: string,
  dirOnly = false,
): Promise<AuditTarget> {
  const target = resolve(cwd, path);
  const kind = await stat(target).then(
    (s): AuditTarget["kind"] => (s.isDirectory() ? "dir" : "file"),
    () => undefined,
  );
  if (kind === undefined || (dirOnly && kind !== "dir")) {
    throw new Sec0Error(
      "AUDIT_PATH_NOT_FOUND",
      `${command}: no audit ${dirOnly ? "directory" : "file or directory"} at ${target}; pass the audit ` +
        `directory (e.g. .sec0)${dirOnly ? "" : " or one audit-YYYY-MM-DD.ndjson file"}.`,
      { details: { path: target } },
    );
  }
  return { path: target, kind };
}
