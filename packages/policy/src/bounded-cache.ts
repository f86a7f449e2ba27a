/**
 * A size-bounded memo for pure functions on hot paths (tool references, decisions). When full it
 * is cleared rather than evicted one by one: simpler, and the working set refills in a few calls.
 */
export class BoundedCache<V> {
  readonly #map = new Map<string, V>();
  readonly #max: number;

  constructor(max = 1024) {
    this.#max = max;
  }

  getOrCompute(key: string, compute: () => V): V {
    const hit = this.#map.get(key);
    if (hit !== undefined) return hit;
    const value = compute();
    if (this.#map.size >= this.#max) this.#map.clear();
    this.#map.set(key, value);
    return value;
  }
}
