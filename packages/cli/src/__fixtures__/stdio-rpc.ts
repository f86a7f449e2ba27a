import { createInterface } from "node:readline";
import type { PassThrough } from "node:stream";

/** A line-oriented JSON-RPC client over the proxy's stdio, with every wait bounded (5 s). */
export function stdioRpc(toProxy: PassThrough, fromProxy: PassThrough) {
  const waiting = new Map<number, (message: Record<string, unknown>) => void>();
  const lines = createInterface({ input: fromProxy });
  lines.on("line", (line) => {
    const message = JSON.parse(line) as Record<string, unknown>;
    waiting.get(message.id as number)?.(message);
  });
  let next = 0;
  return {
    close: () => lines.close(),
    notify: (method: string) => toProxy.write(`${JSON.stringify({ jsonrpc: "2.0", method })}\n`),
    request(method: string, params: unknown): Promise<Record<string, unknown>> {
      next += 1;
      const id = next;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no answer to ${method} within 5 s`)), 5_000);
        waiting.set(id, (message) => {
          clearTimeout(timer);
          resolve(message);
        });
        toProxy.write(`${JSON.stringify({ jsonrpc: "2.0", id, method, params })}\n`);
      });
    },
  };
}
