import { describe, expect, it } from "vitest";
import { filenameFromDisposition } from "./filename-from-disposition.js";

const FALLBACK = "sec0-audit.ndjson";

describe("filenameFromDisposition", () => {
  it("reads the quoted name the control plane sends", () => {
    expect(filenameFromDisposition('attachment; filename="sec0-audit-acme.ndjson"', FALLBACK)).toBe(
      "sec0-audit-acme.ndjson",
    );
  });

  it("reads a bare name and unescapes a quoted one", () => {
    expect(filenameFromDisposition("attachment; filename=a.ndjson", FALLBACK)).toBe("a.ndjson");
    expect(filenameFromDisposition('attachment; filename="a \\"b\\".ndjson"', FALLBACK)).toBe('a "b".ndjson');
  });

  it("prefers the RFC 5987 name", () => {
    const header = "attachment; filename=\"plain.ndjson\"; filename*=UTF-8''caf%C3%A9.ndjson";
    expect(filenameFromDisposition(header, FALLBACK)).toBe("café.ndjson");
  });

  it("drops directories and falls back when there is no usable name", () => {
    expect(filenameFromDisposition('attachment; filename="../../etc/passwd"', FALLBACK)).toBe("passwd");
    expect(filenameFromDisposition('attachment; filename=".."', FALLBACK)).toBe(FALLBACK);
    expect(filenameFromDisposition("attachment", FALLBACK)).toBe(FALLBACK);
    expect(filenameFromDisposition(null, FALLBACK)).toBe(FALLBACK);
    expect(filenameFromDisposition("attachment; filename*=UTF-8''%E0%A4%A", FALLBACK)).toBe(FALLBACK);
  });
});
