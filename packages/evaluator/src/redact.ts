import type { Finding } from "./types.js";
import { childPath } from "./walk.js";

/** The placeholder that replaces a redacted span: `[REDACTED:pii.email]`. */
export function placeholder(kind: string): string {
  return `[REDACTED:${kind}]`;
}

/**
 * Replaces the given spans of `text` (overlaps merged; the first finding's kind names a merged
 * span) with `label(kind)`, by default the typed placeholder `[REDACTED:<kind>]`.
 */
export function redactText(
  text: string,
  spans: readonly Pick<Finding, "start" | "end" | "kind">[],
  label: (kind: string) => string = placeholder,
): string {
  if (spans.length === 0) return text;
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  let out = "";
  let pos = 0;
  let cur: { start: number; end: number; kind: string } | undefined;
  const flush = () => {
    if (!cur) return;
    out += text.slice(pos, cur.start) + label(cur.kind);
    pos = cur.end;
    cur = undefined;
  };
  for (const s of sorted) {
    const start = Math.max(0, Math.min(s.start, text.length));
    const end = Math.max(start, Math.min(s.end, text.length));
    if (cur && start < cur.end) cur.end = Math.max(cur.end, end);
    else {
      flush();
      cur = { start: Math.max(start, pos), end, kind: s.kind };
    }
  }
  flush();
  return out + text.slice(pos);
}

/**
 * Returns a copy of `value` with every finding's span replaced by a typed placeholder, keeping
 * the JSON structure (objects, arrays, numbers and keys untouched). `value` is not modified.
 */
export function redactValue<T>(value: T, findings: readonly Finding[]): T {
  if (findings.length === 0) return value;
  const byPath = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = byPath.get(f.path) ?? [];
    list.push(f);
    byPath.set(f.path, list);
  }
  const onStack = new Set<object>();
  const go = (node: unknown, path: string): unknown => {
    if (typeof node === "string") {
      const spans = byPath.get(path);
      return spans ? redactText(node, spans) : node;
    }
    if (node === null || typeof node !== "object" || onStack.has(node)) return node;
    onStack.add(node);
    try {
      if (Array.isArray(node)) return node.map((item, i) => go(item, `${path}[${i}]`));
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(node))
        out[key] = go((node as Record<string, unknown>)[key], childPath(path, key));
      return out;
    } finally {
      onStack.delete(node);
    }
  };
  return go(value, "$") as T;
}
