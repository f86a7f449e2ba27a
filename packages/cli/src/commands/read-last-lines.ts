import { type FileHandle, open } from "node:fs/promises";

const CHUNK_BYTES = 64 * 1024;

/**
 * The last `count` non-empty lines of the file at `path`, newest first, read backwards from the
 * end in fixed-size chunks: only the bytes of those lines are read, whatever the file's size.
 * A last line without its newline (torn by a crash) counts as a line.
 */
export async function readLastLines(path: string, count: number): Promise<string[]> {
  const handle = await open(path, "r");
  try {
    const { size } = await handle.stat();
    const lines: string[] = [];
    let position = size;
    let carry: Buffer = Buffer.alloc(0);
    while (position > 0 && lines.length < count) {
      const length = Math.min(CHUNK_BYTES, position);
      position -= length;
      const chunk = Buffer.allocUnsafe(length);
      await readFully(handle, chunk, position);
      let data = Buffer.concat([chunk, carry]);
      for (let end = data.lastIndexOf(10); end !== -1 && lines.length < count; end = data.lastIndexOf(10)) {
        pushLine(lines, data.subarray(end + 1));
        data = data.subarray(0, end);
      }
      carry = Buffer.from(data);
    }
    if (position === 0 && lines.length < count) pushLine(lines, carry);
    return lines;
  } finally {
    await handle.close();
  }
}

function pushLine(lines: string[], bytes: Buffer): void {
  if (bytes.length > 0) lines.push(bytes.toString("utf8"));
}

async function readFully(handle: FileHandle, into: Buffer, at: number): Promise<void> {
  let read = 0;
  while (read < into.length) {
    const { bytesRead } = await handle.read(into, read, into.length - read, at + read);
    if (bytesRead === 0) break;
    read += bytesRead;
  }
}
