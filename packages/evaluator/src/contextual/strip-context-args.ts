/** Argument and header names through which 0.2.3 let callers patch the evaluator input. */
export const CONTEXT_INJECTION_KEYS: readonly string[] = [
  "__sec0_contextual",
  "__sec0_context",
  "__sec0_evaluator",
  "x-sec0-contextual",
  "x-sec0-contextual-evaluator",
  "x-sec0-evaluator-context",
];

const isInjectionKey = (key: string) => {
  const k = key.toLowerCase();
  return CONTEXT_INJECTION_KEYS.includes(k) || k.startsWith("__sec0_") || k.startsWith("x-sec0-contextual");
};

/**
 * Returns `value` without any key (at any depth) that could carry evaluator context from the
 * caller (`__sec0_contextual`, `__sec0_*`, `x-sec0-contextual*`), and the list of removed paths.
 * The contextual evaluator input is built only from trusted server-side facts; tool arguments
 * and headers are data, never evaluator configuration.
 */
export function stripContextInjection<T>(value: T): { value: T; removed: string[] } {
  const removed: string[] = [];
  const seen = new Set<object>();
  const go = (node: unknown, path: string): unknown => {
    if (node === null || typeof node !== "object" || seen.has(node)) return node;
    seen.add(node);
    if (Array.isArray(node)) return node.map((v, i) => go(v, `${path}[${i}]`));
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      if (isInjectionKey(k)) {
        removed.push(`${path}.${k}`);
        continue;
      }
      out[k] = go(v, `${path}.${k}`);
    }
    return out;
  };
  return { value: go(value, "$") as T, removed };
}
