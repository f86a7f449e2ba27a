import type { DiffLine } from "./diff-line.js";

/**
 * The rows of a unified diff text (`diff -u`, as the control plane's diff route answers): the
 * `---` / `+++` file header is left out, `@@` lines become `hunk` rows, and `+`, `-` and ` `
 * lines lose their marker. An empty text (no differences) gives no rows.
 *
 * @example
 * parseUnifiedDiff("--- version 1\n+++ version 2\n@@ -1,1 +1,1 @@\n-a\n+b\n");
 * // [{ kind: "hunk", text: "@@ -1,1 +1,1 @@" }, { kind: "remove", text: "a" }, { kind: "add", text: "b" }]
 */
export function parseUnifiedDiff(diff: string): DiffLine[] {
  const out: DiffLine[] = [];
  let inHunk = false;
  for (const line of diff.split("\n")) {
    if (line.startsWith("@@")) {
      inHunk = true;
      out.push({ kind: "hunk", text: line });
    } else if (!inHunk) {
      // The "--- from" / "+++ to" header before the first hunk.
    } else if (line.startsWith("+")) out.push({ kind: "add", text: line.slice(1) });
    else if (line.startsWith("-")) out.push({ kind: "remove", text: line.slice(1) });
    else if (line.startsWith(" ")) out.push({ kind: "context", text: line.slice(1) });
  }
  return out;
}
