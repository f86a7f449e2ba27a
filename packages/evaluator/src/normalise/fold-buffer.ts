/** Growable UTF-16 output with, per unit, the original span it came from. */
export interface FoldBuffer {
  units: Uint16Array;
  starts: Int32Array;
  ends: Int32Array;
  length: number;
}

/** An empty buffer sized for about `hint` units. */
export function createFoldBuffer(hint: number): FoldBuffer {
  const size = Math.max(16, hint + 16);
  return {
    units: new Uint16Array(size),
    starts: new Int32Array(size),
    ends: new Int32Array(size),
    length: 0,
  };
}

/** Empties `buffer` for reuse, growing it to about `hint` units first. */
export function resetFoldBuffer(buffer: FoldBuffer, hint: number): FoldBuffer {
  buffer.length = 0;
  if (buffer.units.length < hint + 16) {
    const fresh = createFoldBuffer(hint);
    buffer.units = fresh.units;
    buffer.starts = fresh.starts;
    buffer.ends = fresh.ends;
  }
  return buffer;
}

/** Appends the UTF-16 units of code point `cp`, each mapped to original span [start, end). */
export function pushCodePoint(buffer: FoldBuffer, cp: number, start: number, end: number): void {
  if (cp > 0xffff) {
    const v = cp - 0x10000;
    pushUnit(buffer, 0xd800 + (v >> 10), start, end);
    pushUnit(buffer, 0xdc00 + (v & 0x3ff), start, end);
  } else {
    pushUnit(buffer, cp, start, end);
  }
}

/** Appends one UTF-16 unit mapped to original span [start, end). */
export function pushUnit(buffer: FoldBuffer, unit: number, start: number, end: number): void {
  if (buffer.length === buffer.units.length) grow(buffer);
  const k = buffer.length++;
  buffer.units[k] = unit;
  buffer.starts[k] = start;
  buffer.ends[k] = end;
}

function grow(buffer: FoldBuffer): void {
  const size = buffer.units.length * 2;
  const units = new Uint16Array(size);
  const starts = new Int32Array(size);
  const ends = new Int32Array(size);
  units.set(buffer.units);
  starts.set(buffer.starts);
  ends.set(buffer.ends);
  buffer.units = units;
  buffer.starts = starts;
  buffer.ends = ends;
}

const CHUNK = 4096;

/** The buffer's units as a string. */
export function bufferText(buffer: FoldBuffer): string {
  let out = "";
  for (let i = 0; i < buffer.length; i += CHUNK) {
    const part = buffer.units.subarray(i, Math.min(buffer.length, i + CHUNK));
    out += String.fromCharCode.apply(null, part as unknown as number[]);
  }
  return out;
}
