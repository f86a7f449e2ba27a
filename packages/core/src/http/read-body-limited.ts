/** What {@link readBodyLimited} reads: a fetch `Response` (global or undici's). */
export interface LimitedBodySource {
  readonly headers: { get(name: string): string | null };
  readonly body: ReadableStream<Uint8Array> | null;
}

/** What {@link readBodyLimited} read: the whole body, or how far it got before the limit. */
export type LimitedBody =
  | { readonly ok: true; readonly bytes: Uint8Array }
  | { readonly ok: false; readonly reason: "too_large"; readonly maxBytes: number };

/**
 * Reads a response body of at most `maxBytes`. A declared `content-length` over the limit is
 * refused before a byte is read; a body that streams past it is cancelled at the chunk that
 * crosses it, so a hostile server can never make the reader buffer more than `maxBytes` plus one
 * chunk. Read errors (a reset connection, an abort) are thrown as the stream throws them.
 *
 * @example
 * const body = await readBodyLimited(await fetch(url), 512 * 1024);
 * if (!body.ok) throw new Error(`larger than ${body.maxBytes} bytes`);
 * const text = new TextDecoder().decode(body.bytes);
 */
export async function readBodyLimited(response: LimitedBodySource, maxBytes: number): Promise<LimitedBody> {
  const tooLarge = { ok: false, reason: "too_large", maxBytes } as const;
  const declared = Number(response.headers.get("content-length") ?? "0");
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    return tooLarge;
  }
  const reader = response.body?.getReader();
  if (reader === undefined) return { ok: true, bytes: new Uint8Array(0) };
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return tooLarge;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return { ok: true, bytes };
}
