/**
 * Optimal string alignment distance (Damerau–Levenshtein with adjacent transpositions), in
 * O(|a|·|b|) time with three rolling rows (no matrix is allocated).
 */
export function editDistance(a: string, b: string): number {
  const cols = b.length + 1;
  let before = new Uint32Array(cols); // row i-2
  let prev = Uint32Array.from({ length: cols }, (_, j) => j); // row i-1
  let row = new Uint32Array(cols); // row i
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(
        (prev[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (prev[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, (before[j - 2] as number) + 1);
      }
      row[j] = best;
    }
    [before, prev, row] = [prev, row, before];
  }
  return prev[b.length] as number;
}

/**
 * The candidate nearest to `input`, when it is close enough to be a plausible typo (distance at
 * most a third of the longer word, minimum 2), else `undefined`.
 */
export function suggestNearest(input: string, candidates: Iterable<string>): string | undefined {
  const needle = input.toLowerCase();
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const distance = editDistance(needle, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (best === undefined) return undefined;
  const limit = Math.max(2, Math.floor(Math.max(needle.length, best.length) / 3));
  return bestDistance <= limit ? best : undefined;
}
