import { isSec0Error } from "@sec0/core";
import { describe, expect, it } from "vitest";
import { createFakeGovernor } from "./__fixtures__/fake-governor.js";
import { createBoundaryRecorder } from "./boundary-recorder.js";

describe("createBoundaryRecorder", () => {
  it("records each drop up to its budget, then counts, reports once, and sums up at close", async () => {
    const governor = createFakeGovernor({ allow: [] });
    const reported: unknown[] = [];
    const recorder = createBoundaryRecorder({
      governor,
      server: () => ({ name: "srv" }),
      report: (error) => reported.push(error),
      limit: 2,
    });
    const forged = { reason: "mcp_unsolicited_message", from: "server", method: "response" } as const;

    for (let index = 0; index < 5; index += 1) recorder.drop({ ...forged, id: index });
    recorder.drop({ reason: "mcp_request_without_id", from: "client", method: "tools/call", tool: "wipe" });
    await Promise.resolve();
    expect(governor.events.map((event) => event.id)).toEqual([0, 1]);
    expect(reported).toHaveLength(1);
    expect(isSec0Error(reported[0], "MIDDLEWARE_MCP_MESSAGES_DROPPED")).toBe(true);

    recorder.close();
    await Promise.resolve();
    expect(governor.events.slice(2)).toEqual([
      { ...forged, server: { name: "srv" }, count: 3 },
      {
        reason: "mcp_request_without_id",
        from: "client",
        method: "tools/call",
        server: { name: "srv" },
        count: 1,
      },
    ]);
  });
});
