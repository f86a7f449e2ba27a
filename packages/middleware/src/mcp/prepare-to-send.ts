import type { Writable } from "node:stream";
import type { JSONRPCMessage } from "@modelcontextprotocol/sdk/types.js";

/** Streams this module corked and will uncork (never one its owner corked). */
const corkedHere = new WeakSet<Writable>();

/**
 * Makes `stream` ready for `message`, so that the requests and answers sent in one turn of the
 * event loop leave in one `write(2)` instead of one per message: with many calls in flight a proxy
 * relays several per turn, and on a shared core each pipe write costs more than the message. One
 * call at a time nothing changes but the moment of the write (later in the same turn).
 *
 * A notification is never held back with what follows it: the SDK handles a notification a
 * microtask later than an answer read in the same chunk, so a last progress update batched with
 * its answer would reach a handler already removed. Before a notification the turn's batch is
 * written out and the notification goes alone. A stream corked by its owner is left alone.
 *
 * @example
 * prepareToSend(process.stdout, message);
 * await transport.send(message);
 */
export function prepareToSend(stream: Writable | null | undefined, message: JSONRPCMessage): void {
  if (stream === null || stream === undefined || stream.destroyed) return;
  if (!("id" in message)) {
    uncork(stream);
    return;
  }
  if (stream.writableCorked > 0) return;
  stream.cork();
  corkedHere.add(stream);
  process.nextTick(uncork, stream);
}

function uncork(stream: Writable): void {
  if (!corkedHere.delete(stream)) return;
  stream.uncork();
}
