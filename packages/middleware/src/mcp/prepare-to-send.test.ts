import { Writable } from "node:stream";
import type { JSONRPCMessage } from "@modelcontextprotocol/sdk/types.js";
import { describe, expect, it } from "vitest";
import { prepareToSend } from "./prepare-to-send.js";

function recordingStream(): { stream: Writable; writes: string[] } {
  const writes: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      writes.push(String(chunk));
      done();
    },
    writev(chunks, done) {
      writes.push(chunks.map(({ chunk }) => String(chunk)).join(""));
      done();
    },
  });
  return { stream, writes };
}
const answer = (id: number): JSONRPCMessage => ({ jsonrpc: "2.0", id, result: {} });
const progress: JSONRPCMessage = {
  jsonrpc: "2.0",
  method: "notifications/progress",
  params: { progressToken: 1, progress: 1 },
};
function send(stream: Writable, message: JSONRPCMessage): void {
  prepareToSend(stream, message);
  stream.write(`${JSON.stringify(message)}\n`);
}
const lines = (...messages: JSONRPCMessage[]) => messages.map((m) => `${JSON.stringify(m)}\n`).join("");

describe("prepareToSend", () => {
  it("sends the answers of one turn, microtasks included, in one write", async () => {
    const { stream, writes } = recordingStream();
    for (const id of [1, 2, 3]) {
      await Promise.resolve();
      send(stream, answer(id));
    }
    expect(writes).toEqual([]);
    await new Promise(setImmediate);
    expect(writes).toEqual([lines(answer(1), answer(2), answer(3))]);
  });

  it("never batches a notification with the answer after it, and keeps the order", async () => {
    const { stream, writes } = recordingStream();
    send(stream, answer(1));
    send(stream, progress);
    send(stream, answer(2));
    await new Promise(setImmediate);
    expect(writes).toEqual([lines(answer(1)), lines(progress), lines(answer(2))]);
  });

  it("writes the answers of later turns separately and in order", async () => {
    const { stream, writes } = recordingStream();
    send(stream, answer(1));
    await new Promise(setImmediate);
    send(stream, answer(2));
    await new Promise(setImmediate);
    expect(writes).toEqual([lines(answer(1)), lines(answer(2))]);
  });

  it("leaves a stream its owner corked, and ignores a missing or destroyed stream", async () => {
    const { stream, writes } = recordingStream();
    stream.cork();
    send(stream, answer(1));
    send(stream, progress);
    await new Promise(setImmediate);
    expect(writes).toEqual([]);
    stream.uncork();
    expect(writes).toEqual([lines(answer(1), progress)]);
    expect(() => prepareToSend(undefined, answer(1))).not.toThrow();
    stream.destroy();
    expect(() => prepareToSend(stream, answer(1))).not.toThrow();
  });
});
