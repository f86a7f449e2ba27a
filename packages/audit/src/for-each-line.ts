import { open } from "node:fs/promises";

/** Where a line-by-line read of a file stopped. */
export interface LineWalk {
  /** Byte offset just after the last newline read (where a torn tail starts). */
  readonly completeBytes: number;
  /** Bytes after the last newline: a line torn by a crash mid-write (0 when stopped early). */
  readonly tornBytes: number;
  /** True when `visit` returned `false`. */
  readonly stopped: boolean;
}

/** Size of the one read buffer: memory stays constant whatever the file's size. */
const CHUNK_BYTES = 1 << 20;

/**
 * Calls `visit` with every newline-terminated line of the file at `path` (without its newline)
 * and the byte offset it starts at, reading through one fixed-size buffer, so a file of any size
 * is walked in constant memory. The line is a view that is reused: copy it to keep it. Stops
 * when `visit` returns `false`.
 *
 * @throws the file system error (e.g. `ENOENT`) when the file cannot be read.
 */
export async function forEachLine(
  path: string,
  visit: (line: Buffer, offset: number) => boolean | undefined,
  chunkBytes = CHUNK_BYTES,
): Promise<LineWalk> {
  const handle = await open(path, "r");
  try {
    const chunk = Buffer.allocUnsafe(chunkBytes);
    let carry: Buffer[] = [];
    let position = 0;
    let lineStart = 0;
    for (;;) {
      const { bytesRead } = await handle.read(chunk, 0, chunkBytes, position);
      if (bytesRead === 0) break;
      const view = chunk.subarray(0, bytesRead);
      let start = 0;
      for (let end = view.indexOf(10, start); end !== -1; end = view.indexOf(10, start)) {
        let line = view.subarray(start, end);
        if (carry.length > 0) {
          line = Buffer.concat([...carry, line]);
          carry = [];
        }
        if (visit(line, lineStart) === false) {
          return { completeBytes: lineStart + line.length + 1, tornBytes: 0, stopped: true };
        }
        lineStart += line.length + 1;
        start = end + 1;
      }
      if (start < bytesRead) carry.push(Buffer.from(view.subarray(start)));
      position += bytesRead;
    }
    return { completeBytes: lineStart, tornBytes: position - lineStart, stopped: false };
  } finally {
    await handle.close();
  }
}

/** The `length` bytes of the file at `path` from byte `offset` (e.g. one line a walk located). */
export async function readBytes(path: string, offset: number, length: number): Promise<Buffer> {
  const handle = await open(path, "r");
  try {
    const into = Buffer.alloc(length);
    let read = 0;
    while (read < length) {
      const { bytesRead } = await handle.read(into, read, length - read, offset + read);
      if (bytesRead === 0) break;
      read += bytesRead;
    }
    return into.subarray(0, read);
  } finally {
    await handle.close();
  }
}
