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

/** Keys (object keys or array indices) from the root to the current string. */
export type KeyPath = readonly (string | number)[];

/** Renders a key path as `$.a.b[0]`. */
export function formatPath(keys: KeyPath): string {
  let path = "$";
  for (const k of keys) path = typeof k === "number" ? `${path}[${k}]` : childPath(path, k);
  return path;
}

/** What {@link walkStringKeys} visits besides string values, and what it reports. */
export interface WalkOptions {
  /** Maximum nesting depth walked. Default 64. */
  readonly maxDepth?: number;
  /** Also visit object keys (`isKey` true, `keys` ending with the key itself). */
  readonly keys?: boolean;
  /** Called once per container left unwalked because it is deeper than `maxDepth`. */
  readonly onDepthCap?: () => void;
}

/**
 * Like {@link walkStrings} but hands the visitor the key path instead of a rendered string, so
 * that a scan builds path strings only for strings that produce findings. The `keys` array is
 * reused: copy or format it inside the visitor.
 */
export function walkStringKeys(
  value: unknown,
  visit: (keys: KeyPath, value: string, isKey: boolean) => boolean,
  options: WalkOptions | number = {},
): void {
  const opts = typeof options === "number" ? { maxDepth: options } : options;
  const maxDepth = opts.maxDepth ?? 64;
  const onStack = new Set<object>();
  const keys: (string | number)[] = [];
  const go = (node: unknown, depth: number): boolean => {
    if (typeof node === "string") return visit(keys, node, false);
    if (node === null || typeof node !== "object" || onStack.has(node)) return true;
    if (depth >= maxDepth) {
      if (Array.isArray(node) ? node.length > 0 : Object.keys(node).length > 0) opts.onDepthCap?.();
      return true;
    }
    onStack.add(node);
    try {
      if (Array.isArray(node)) {
        for (let i = 0; i < node.length; i++) {
          keys.push(i);
          const more = go(node[i], depth + 1);
          keys.pop();
          if (!more) return false;
        }
      } else {
        for (const key of Object.keys(node)) {
          keys.push(key);
          const more =
            (opts.keys !== true || key.length === 0 || visit(keys, key, true)) &&
            go((node as Record<string, unknown>)[key], depth + 1);
          keys.pop();
          if (!more) return false;
        }
      }
      return true;
    } finally {
      onStack.delete(node);
    }
  };
  go(value, 0);
}

/**
 * Visits every string in `value` depth-first with its path (`$.a.b[0]`), skipping cycles and
 * anything deeper than `maxDepth`. The visitor returns `false` to stop the walk. Numbers,
 * booleans and keys are not visited.
 */
export function walkStrings(value: unknown, visit: (leaf: StringLeaf) => boolean, maxDepth = 64): void {
  walkStringKeys(value, (keys, v) => visit({ path: formatPath(keys), value: v }), { maxDepth });
}
