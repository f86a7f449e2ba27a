import { createHash, type Hash } from "node:crypto";
import { jsonText, sha256Hex } from "@sec0/core";

/**
 * `sha256` hex of the JSON text of `value` (`jsonText`, byte-identical to `JSON.stringify`), or
 * `null` when it has none (`undefined`, a function) or cannot be written (a cycle, a bigint):
 * a digest never throws into the hop.
 */
export function digestOf(value: unknown): string | null {
  const text = safeJsonText(value);
  return text === undefined ? null : sha256Hex(text);
}

/**
 * The digest of an async generator's output: `sha256` of the JSON array of its yielded values,
 * computed as they come so nothing is kept. Equals `digestOf([...yields])`.
 */
export class StreamDigest {
  readonly #hash: Hash = createHash("sha256").update("[");
  #count = 0;
  #broken = false;

  /** Adds one yielded value. */
  add(value: unknown): void {
    if (this.#broken) return;
    let text: string;
    try {
      text = jsonText(value) ?? "null"; // as JSON.stringify writes it inside an array
    } catch {
      this.#broken = true;
      return;
    }
    this.#hash.update(this.#count === 0 ? text : `,${text}`);
    this.#count += 1;
  }

  /** The hex digest, or `null` when a yielded value could not be written. */
  finish(): string | null {
    return this.#broken ? null : this.#hash.update("]").digest("hex");
  }
}

function safeJsonText(value: unknown): string | undefined {
  try {
    return jsonText(value);
  } catch {
    return undefined;
  }
}
