import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { type AuditHead, parseAuditHead } from "@sec0/audit";
import { Sec0Error } from "@sec0/core";

/**
 * The head `--known-head` (or `--from`) names: inline JSON (starting with `{`) or a file holding the JSON that
 * `sec0 audit head` printed, relative to `cwd`.
 *
 * @throws {Sec0Error} `AUDIT_PATH_NOT_FOUND` for a missing file; `AUDIT_HEAD_INVALID` for bad JSON.
 */
export async function readKnownHead(value: string, cwd: string, flag = "--known-head"): Promise<AuditHead> {
  if (value.trimStart().startsWith("{")) return parseAuditHead(value);
  const path = resolve(cwd, value);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new Sec0Error(
      "AUDIT_PATH_NOT_FOUND",
      `sec0 audit verify ${flag}: no file at ${path} (${(error as NodeJS.ErrnoException).code ?? "unreadable"}); ` +
        "pass the file `sec0 audit head <dir> > head.json` wrote, or its JSON.",
      { details: { path } },
    );
  }
  return parseAuditHead(text);
}
