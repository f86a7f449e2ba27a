import { describe, expect, it } from "vitest";
import { readBodyLimited } from "./read-body-limited.js";

/** A body of `chunks` chunks of `size` bytes, counting how many were pulled. */
function streamed(
  chunks: number,
  size: number,
): { response: Response; pulled: () => number; cancelled: () => boolean } {
  let pulled = 0;
  let cancelled = false;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled === chunks) return controller.close();
      pulled += 1;
      controller.enqueue(new Uint8Array(size).fill(0x61));
    },
    cancel() {
      cancelled = true;
    },
  });
  return { response: new Response(body), pulled: () => pulled, cancelled: () => cancelled };
}

describe("readBodyLimited", () => {
  it("reads a body up to and including the limit", async () => {
    const body = await readBodyLimited(streamed(4, 256).response, 1024);
    expect(body.ok && body.bytes.byteLength).toBe(1024);
    expect(body.ok && new TextDecoder().decode(body.bytes.slice(0, 3))).toBe("aaa");
  });

  it("cancels a streamed body at the chunk that crosses the limit", async () => {
    const hostile = streamed(1_000_000, 1024);
    expect(await readBodyLimited(hostile.response, 4096)).toEqual({
      ok: false,
      reason: "too_large",
      maxBytes: 4096,
    });
    expect(hostile.pulled()).toBeLessThanOrEqual(6);
    expect(hostile.cancelled()).toBe(true);
  });

  it("refuses a declared content-length over the limit without reading", async () => {
    const hostile = streamed(10, 1024);
    const response = new Response(hostile.response.body, { headers: { "content-length": "10240" } });
    expect((await readBodyLimited(response, 1024)).ok).toBe(false);
    expect(hostile.pulled()).toBeLessThanOrEqual(1);
  });

  it("answers no bytes for a response without a body", async () => {
    const body = await readBodyLimited(new Response(null, { status: 204 }), 10);
    expect(body.ok && body.bytes.byteLength).toBe(0);
  });
});
