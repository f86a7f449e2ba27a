import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { describe, expect, it } from "vitest";
import { acceptMalformedAnswers } from "./lenient-read-buffer.js";

interface Reader {
  append(chunk: Buffer): void;
  readMessage(): unknown;
}

function readerOf(transport: StdioClientTransport): Reader {
  return (transport as unknown as { _readBuffer: Reader })._readBuffer;
}

describe("acceptMalformedAnswers", () => {
  it("hands over malformed answers and reads valid messages as the SDK does", () => {
    const transport = new StdioClientTransport({ command: "node" });
    acceptMalformedAnswers(transport);
    const reader = readerOf(transport);
    const lines = [
      { jsonrpc: "2.0", id: 1, error: "boom" },
      { jsonrpc: "2.0", id: 2, error: { code: 1.5, message: "x" } },
      { jsonrpc: "2.0", id: 3, result: { content: [] } },
    ];
    reader.append(Buffer.from(lines.map((line) => `${JSON.stringify(line)}\n`).join("")));
    expect([reader.readMessage(), reader.readMessage(), reader.readMessage(), reader.readMessage()]).toEqual([
      ...lines,
      null,
    ]);
  });

  it("still rejects garbage and non-answers that break the schema, and keeps the buffer bound", () => {
    const transport = new StdioClientTransport({ command: "node", maxBufferSize: 64 } as never);
    acceptMalformedAnswers(transport);
    const reader = readerOf(transport);
    reader.append(Buffer.from('not json\n{"jsonrpc":"2.0","method":5}\n'));
    expect(() => reader.readMessage()).toThrow();
    expect(() => reader.readMessage()).toThrow();
    expect(() => reader.append(Buffer.alloc(65))).toThrow(/maximum size of 64 bytes/);
  });
});
