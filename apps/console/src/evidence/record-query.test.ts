import { describe, expect, it } from "vitest";
import { EMPTY_FILTERS, exportQueryOf, recordQueryOf } from "./record-query.js";

describe("recordQueryOf", () => {
  it("leaves out empty filters and trims the rest", () => {
    expect(recordQueryOf({ ...EMPTY_FILTERS, run: " run-1 ", decision: "deny" })).toEqual({
      ok: true,
      query: { run: "run-1", decision: "deny", limit: 100 },
    });
  });

  it("sends times as ISO instants with an offset", () => {
    const result = recordQueryOf({ ...EMPTY_FILTERS, from: "2025-01-02T03:04", limit: "" });
    expect(result).toEqual({ ok: true, query: { from: new Date("2025-01-02T03:04").toISOString() } });
    if (result.ok) expect(result.query.from).toMatch(/Z$/);
  });

  it("names the field that is wrong", () => {
    expect(recordQueryOf({ ...EMPTY_FILTERS, limit: "0" })).toMatchObject({ ok: false, field: "limit" });
    expect(recordQueryOf({ ...EMPTY_FILTERS, limit: "501" })).toMatchObject({ ok: false, field: "limit" });
    expect(recordQueryOf({ ...EMPTY_FILTERS, limit: "2.5" })).toMatchObject({ ok: false, field: "limit" });
    expect(recordQueryOf({ ...EMPTY_FILTERS, to: "yesterday" })).toMatchObject({ ok: false, field: "to" });
  });
});

describe("exportQueryOf", () => {
  it("keeps the filters and drops the page size", () => {
    expect(exportQueryOf({ run: "run-1", trace_id: "t", limit: 100 })).toEqual({
      run: "run-1",
      trace_id: "t",
    });
  });
});
