/** Lines of context around each change in {@link unifiedLineDiff}. */
const CONTEXT = 3;
/** Above this many cells the LCS table is not built and the diff is a full replacement. */
const MAX_CELLS = 4_000_000;

type Op = { readonly kind: " " | "-" | "+"; readonly text: string; readonly a: number; readonly b: number };

/**
 * A unified diff (`diff -u` format, {@link CONTEXT} lines of context) of two texts, line by line,
 * from a longest-common-subsequence table. Empty when the texts are equal.
 *
 * @example
 * unifiedLineDiff("a\nb\n", "a\nc\n", "v1", "v2");
 * // "--- v1\n+++ v2\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n"
 */
export function unifiedLineDiff(from: string, to: string, fromLabel: string, toLabel: string): string {
  if (from === to) return "";
  const ops = diffOps(splitLines(from), splitLines(to));
  const hunks = groupHunks(ops);
  let out = `--- ${fromLabel}\n+++ ${toLabel}\n`;
  for (const hunk of hunks) out += formatHunk(hunk);
  return out;
}

function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

function diffOps(a: string[], b: string[]): Op[] {
  // Common prefix and suffix first: policy edits are usually small.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const ops: Op[] = [];
  for (let i = 0; i < start; i++) ops.push({ kind: " ", text: a[i] as string, a: i, b: i });
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  for (const op of middleOps(midA, midB)) ops.push({ ...op, a: op.a + start, b: op.b + start });
  for (let i = 0; i < a.length - endA; i++) {
    ops.push({ kind: " ", text: a[endA + i] as string, a: endA + i, b: endB + i });
  }
  return ops;
}

function middleOps(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  if ((n + 1) * (m + 1) > MAX_CELLS) {
    return [
      ...a.map((text, i): Op => ({ kind: "-", text, a: i, b: 0 })),
      ...b.map((text, j): Op => ({ kind: "+", text, a: n, b: j })),
    ];
  }
  // lcs[i][j] = length of the LCS of a[i..] and b[j..], in one flat array.
  const width = m + 1;
  const lcs = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * width + j] =
        a[i] === b[j]
          ? (lcs[(i + 1) * width + j + 1] as number) + 1
          : Math.max(lcs[(i + 1) * width + j] as number, lcs[i * width + j + 1] as number);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      ops.push({ kind: " ", text: a[i] as string, a: i, b: j });
      i++;
      j++;
    } else if (
      j < m &&
      (i === n || (lcs[i * width + j + 1] as number) >= (lcs[(i + 1) * width + j] as number))
    ) {
      ops.push({ kind: "+", text: b[j] as string, a: i, b: j });
      j++;
    } else {
      ops.push({ kind: "-", text: a[i] as string, a: i, b: j });
      i++;
    }
  }
  // Deletions before insertions inside each changed run, as diff -u prints them.
  return reorderRuns(ops);
}

function reorderRuns(ops: Op[]): Op[] {
  const out: Op[] = [];
  let run: Op[] = [];
  const flush = () => {
    out.push(...run.filter((op) => op.kind === "-"), ...run.filter((op) => op.kind === "+"));
    run = [];
  };
  for (const op of ops) {
    if (op.kind === " ") {
      flush();
      out.push(op);
    } else run.push(op);
  }
  flush();
  return out;
}

function groupHunks(ops: Op[]): Op[][] {
  const hunks: Op[][] = [];
  let index = 0;
  while (index < ops.length) {
    const firstChange = ops.findIndex((op, k) => k >= index && op.kind !== " ");
    if (firstChange === -1) break;
    let end = firstChange;
    // Extend while the next change is within 2 × CONTEXT unchanged lines.
    for (let k = firstChange; k < ops.length; k++) {
      if (ops[k]?.kind !== " ") end = k;
      else if (k - end > 2 * CONTEXT) break;
    }
    const from = Math.max(index, firstChange - CONTEXT);
    const to = Math.min(ops.length, end + 1 + CONTEXT);
    hunks.push(ops.slice(from, to));
    index = to;
  }
  return hunks;
}

function formatHunk(hunk: Op[]): string {
  const first = hunk[0] as Op;
  const aCount = hunk.filter((op) => op.kind !== "+").length;
  const bCount = hunk.filter((op) => op.kind !== "-").length;
  const aStart = aCount === 0 ? first.a : first.a + 1;
  const bStart = bCount === 0 ? first.b : first.b + 1;
  let out = `@@ -${aStart},${aCount} +${bStart},${bCount} @@\n`;
  for (const op of hunk) out += `${op.kind}${op.text}\n`;
  return out;
}
