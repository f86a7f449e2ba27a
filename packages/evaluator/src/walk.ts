/** One string found inside a JSON value. */
export interface StringLeaf {
  readonly path: string;
  readonly value: string;
}

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Appends an object key to a path: `$.a` for identifiers, `$["a b"]` otherwise. */
export function childPath(parent: string, key: string): string {
  return IDENT.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}

/**
 * Visits every string in `value` depth-first with its path (`$.a.b[0]`), skipping cycles and
 * anything deeper than `maxDepth`. The visitor returns `false` to stop the walk. Numbers,
 * booleans and keys are not visited.
 */
export function walkStrings(value: unknown, visit: (leaf: StringLeaf) => boolean, maxDepth = 64): void {
  const onStack = new Set<object>();
  const go = (node: unknown, path: string, depth: number): boolean => {
    if (typeof node === "string") return visit({ path, value: node });
    if (node === null || typeof node !== "object" || depth >= maxDepth) return true;
    if (onStack.has(node)) return true;
    onStack.add(node);
    try {
      if (Array.isArray(node)) {
        for (let i = 0; i < node.length; i++) if (!go(node[i], `${path}[${i}]`, depth + 1)) return false;
      } else {
        for (const key of Object.keys(node)) {
          if (!go((node as Record<string, unknown>)[key], childPath(path, key), depth + 1)) return false;
        }
      }
      return true;
    } finally {
      onStack.delete(node);
    }
  };
  go(value, "$", 0);
}
