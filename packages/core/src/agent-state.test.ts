import { describe, expect, it } from "vitest";
import {
  ensureRunId,
  mergeAgentVariables,
  normalizeAgentStatePayload,
  normalizeNodeId,
} from "./agent-state.js";
import {
  decodeAgentStateHeader,
  encodeAgentStateHeaders,
  extractAgentStateFromHeaders,
  MAX_AGENT_STATE_HEADER_BYTES,
} from "./agent-state-headers.js";
import { isSec0Error } from "./errors.js";

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return isSec0Error(error) ? error.code : "not-sec0";
  }
  return undefined;
}

describe("agent state codec (wire-compatible with 0.2.3)", () => {
  it("encodes the 0.2.3 recipe byte for byte: base64url without padding, keys in documented order", () => {
    const headers = encodeAgentStateHeaders({
      nodeId: "order-agent",
      runId: "run-1",
      parentRef: "run-0",
      variables: { AGENT: { order_id: "o-9" } },
      metadata: { k: 1 },
    });
    const expectedJson =
      '{"version":1,"nodeId":"order-agent","runId":"run-1","parentRef":"run-0","variables":{"AGENT":{"order_id":"o-9"}},"metadata":{"k":1}}';
    expect(headers).toEqual({
      "x-node-id": "order-agent",
      "x-agent-ref": "run-1",
      "x-agent-parent-ref": "run-0",
      "x-agent-state": Buffer.from(expectedJson).toString("base64url"),
    });
    expect(headers["x-agent-state"]).not.toContain("=");
  });

  it("round-trips through the headers", () => {
    const payload = { nodeId: "n1", runId: "r1", variables: { TOOL: { a: [1, 2] } } };
    const headers = encodeAgentStateHeaders(payload);
    expect(extractAgentStateFromHeaders(headers)).toEqual(payload);
    expect(decodeAgentStateHeader(headers["x-agent-state"])).toEqual(payload);
  });

  it("normalises node ids and run refs as 0.2.3 does", () => {
    expect(normalizeNodeId("  Order Agent__v2!! ")).toBe("order-agent-v2");
    expect(normalizeNodeId("a".repeat(100))).toHaveLength(80);
    expect(normalizeAgentStatePayload({ nodeId: "N", ref: "host:1/2 3" })).toEqual({
      nodeId: "n",
      runId: "host:1_2_3",
    });
    expect(codeOf(() => normalizeNodeId("!!!"))).toBe("CORE_AGENT_STATE_INVALID");
  });

  it("maps LLM to ORCHESTRATOR and rejects unknown scopes", () => {
    expect(mergeAgentVariables(undefined, "LLM", { plan: "x" })).toEqual({ ORCHESTRATOR: { plan: "x" } });
    expect(mergeAgentVariables({ AGENT: { a: 1 } }, "AGENT", { b: 2 })).toEqual({ AGENT: { a: 1, b: 2 } });
    expect(codeOf(() => normalizeAgentStatePayload({ nodeId: "n", variables: { BOGUS: {} } }))).toBe(
      "CORE_AGENT_STATE_INVALID",
    );
  });

  it("rejects keys present with null, and non-JSON values", () => {
    expect(codeOf(() => normalizeAgentStatePayload({ nodeId: "n", runId: null }))).toBe(
      "CORE_AGENT_STATE_INVALID",
    );
    expect(codeOf(() => normalizeAgentStatePayload({ nodeId: "n", runId: undefined }))).toBe(
      "CORE_AGENT_STATE_INVALID",
    );
    expect(codeOf(() => normalizeAgentStatePayload({ nodeId: "n", metadata: null }))).toBe(
      "CORE_AGENT_STATE_INVALID",
    );
    expect(codeOf(() => normalizeAgentStatePayload({ nodeId: "n", metadata: { big: 1n } }))).toBe(
      "CORE_AGENT_STATE_INVALID",
    );
  });

  it("requires a run id where asked, with no fallback", () => {
    expect(codeOf(() => ensureRunId({ nodeId: "n" }))).toBe("CORE_AGENT_STATE_INVALID");
    expect(ensureRunId({ nodeId: "n", runId: "r" })).toBe("r");
  });

  it("treats headers as optional but validates them when present", () => {
    expect(extractAgentStateFromHeaders({})).toBeUndefined();
    expect(extractAgentStateFromHeaders({ "X-Node-Id": ["Agent-A", "ignored"] })).toEqual({
      nodeId: "agent-a",
    });
    expect(extractAgentStateFromHeaders(new Headers({ "x-node-id": "a", "x-agent-ref": "r" }))).toEqual({
      nodeId: "a",
      runId: "r",
    });
    const state = encodeAgentStateHeaders({ nodeId: "a", runId: "r1" })["x-agent-state"];
    expect(codeOf(() => extractAgentStateFromHeaders({ "x-agent-state": state }))).toBe(
      "CORE_AGENT_STATE_INVALID",
    );
    expect(
      codeOf(() =>
        extractAgentStateFromHeaders({ "x-node-id": "b", "x-agent-ref": "r1", "x-agent-state": state }),
      ),
    ).toBe("CORE_AGENT_STATE_INVALID");
    expect(codeOf(() => extractAgentStateFromHeaders({ "x-node-id": "a", "x-agent-state": state }))).toBe(
      "CORE_AGENT_STATE_INVALID",
    );
    expect(
      codeOf(() =>
        extractAgentStateFromHeaders({ "x-node-id": "a", "x-agent-ref": "r2", "x-agent-state": state }),
      ),
    ).toBe("CORE_AGENT_STATE_INVALID");
  });

  it("rejects malformed x-agent-state values clearly", () => {
    for (const bad of [
      "%%%",
      Buffer.from("not json").toString("base64url"),
      Buffer.from("[1]").toString("base64url"),
      Buffer.from('{"version":2,"nodeId":"a"}').toString("base64url"),
    ]) {
      expect(codeOf(() => decodeAgentStateHeader(bad))).toBe("CORE_AGENT_STATE_INVALID");
    }
  });

  it("enforces the documented size limit on encode and decode", () => {
    const big = { nodeId: "n", metadata: { blob: "x".repeat(MAX_AGENT_STATE_HEADER_BYTES) } };
    expect(codeOf(() => encodeAgentStateHeaders(big))).toBe("CORE_AGENT_STATE_TOO_LARGE");
    expect(codeOf(() => decodeAgentStateHeader("A".repeat(MAX_AGENT_STATE_HEADER_BYTES + 1)))).toBe(
      "CORE_AGENT_STATE_TOO_LARGE",
    );
  });
});
