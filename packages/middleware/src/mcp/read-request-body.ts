import type { IncomingMessage } from "node:http";

/** A request body read within a size limit. */
export type RequestBody =
  | { readonly kind: "json"; readonly value: unknown }
  | { readonly kind: "too_large" }
  | { readonly kind: "not_json" };

/**
 * Reads and parses a JSON request body of at most `maxBytes`. A declared `Content-Length` over the
 * limit is refused before reading; a longer stream stops being kept at the limit and the rest is
 * discarded as it arrives, so memory stays bounded either way.
 *
 * @example
 * const body = await readRequestBody(req, 4 * 1024 * 1024);
 * if (body.kind === "too_large") return reply(413);
 */
export async function readRequestBody(req: IncomingMessage, maxBytes: number): Promise<RequestBody> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > maxBytes) return discard(req);
  const chunks: Buffer[] = [];
  let size = 0;
  const tooLarge = await new Promise<boolean>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > maxBytes) {
        req.off("data", onData);
        req.off("end", onEnd);
        req.resume();
        resolve(true);
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => resolve(false);
    req.on("data", onData);
    req.once("end", onEnd);
    req.once("error", reject);
    // A client gone mid-body: what arrived is not a whole message (and nobody reads the answer).
    req.once("close", onEnd);
  });
  if (tooLarge) return discard(req);
  try {
    return { kind: "json", value: JSON.parse(Buffer.concat(chunks).toString("utf8")) };
  } catch {
    return { kind: "not_json" };
  }
}

/** Drops what is left of the body: the answer goes out while the rest is thrown away. */
function discard(req: IncomingMessage): RequestBody {
  req.resume();
  return { kind: "too_large" };
}
