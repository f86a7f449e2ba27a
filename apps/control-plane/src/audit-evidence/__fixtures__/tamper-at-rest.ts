// Someone with access to the object store, not to the API: edits a stored day log in place.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

/** The path of `objectKey` in a filesystem object store under `objectsDir`. */
export const storedPath = (objectsDir: string, objectKey: string) => join(objectsDir, ...objectKey.split("/"));

/**
 * Rewrites the 1-based line `line` of the stored object with `edit` (the rest byte for byte);
 * throws when the edit changes nothing, so a test never passes on an untouched file.
 */
export async function editStoredLine(
  objectsDir: string,
  objectKey: string,
  line: number,
  edit: (text: string) => string,
): Promise<void> {
  const path = storedPath(objectsDir, objectKey);
  const lines = (await readFile(path, "utf8")).split("\n");
  const before = lines[line - 1];
  if (before === undefined) throw new Error(`${objectKey} has no line ${line}`);
  const after = edit(before);
  if (after === before) throw new Error(`the edit left line ${line} of ${objectKey} as it was`);
  lines[line - 1] = after;
  await writeFile(path, lines.join("\n"));
}

/** Cuts the last `count` lines off the stored object. */
export async function cutStoredLines(objectsDir: string, objectKey: string, count: number): Promise<void> {
  const path = storedPath(objectsDir, objectKey);
  const lines = (await readFile(path, "utf8")).split("\n").slice(0, -1);
  await writeFile(path, `${lines.slice(0, lines.length - count).join("\n")}\n`);
}
