import type { InlineHopFields } from "../config/index.js";

/**
 * What a decorator or wrapper is told about its hop: nothing (the key is `<Class>.<method>`),
 * the hop key (`"OrderAgent.run"`), or inline hop fields (the keys of an `app.hops` entry, plus
 * an optional `key`) written over the registry's entry.
 */
export type HopTarget = string | (InlineHopFields & { readonly key?: string });

/** The key given (if any) and the inline fields (if any) of a {@link HopTarget}. */
export interface ParsedHopTarget {
  readonly key?: string;
  readonly inline?: InlineHopFields;
}

/** Splits a {@link HopTarget}; an empty string counts as no key. */
export function parseHopTarget(target: HopTarget | undefined): ParsedHopTarget {
  if (target === undefined) return {};
  if (typeof target === "string") return target.trim() === "" ? {} : { key: target.trim() };
  const { key, ...inline } = target as Record<string, unknown>;
  const named = typeof key === "string" && key.trim() !== "" ? { key: key.trim() } : {};
  return Object.keys(inline).length === 0 ? named : { ...named, inline };
}
