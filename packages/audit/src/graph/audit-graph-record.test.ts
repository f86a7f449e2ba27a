import { describe, expect, it } from "vitest";
import { parseAuditGraphLine } from "./audit-graph-record.js";

const source = { file: "audit-2026-01-01.ndjson", line: 7 };

describe("parseAuditGraphLine", () => {
  it("reads the ids and the time of a record", () => {
    const line = JSON.stringify({
      ts: "2026-01-01T12:00:00.000Z",
      trace_id: "t1",
      span_id: "s2",
      parent_span_id: "s1",
      cause_span_id: null,
    });
    expect(parseAuditGraphLine(line, source)).toMatchObject({
      traceId: "t1",
      spanId: "s2",
      parentSpanId: "s1",
      causeSpanId: undefined,
      tsMs: Date.UTC(2026, 0, 1, 12),
      source,
    });
  });

  it("skips checkpoints, repairs and lines that are not JSON objects; counts records without ids", () => {
    expect(parseAuditGraphLine('{"type":"sec0.checkpoint","tree_size":3}', source)).toBeUndefined();
    expect(parseAuditGraphLine("[1,2]", source)).toBeUndefined();
    expect(parseAuditGraphLine("not json", source)).toBeUndefined();
    expect(parseAuditGraphLine("  ", source)).toBeUndefined();
    expect(parseAuditGraphLine('{"trace_id":"t1","span_id":""}', source)).toBe("untraced");
  });
});
