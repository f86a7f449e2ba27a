import { describe, expect, it } from "vitest";
import {
  RUNTIME_PROTOCOL_VERSION,
  RuntimeDecisionErrorSchema,
  RuntimeDecisionOutputSchema,
  RuntimeDecisionRequestSchema,
  RuntimeDecisionResponseSchema,
} from "./runtime-decision.js";

// A request as sec0-sdk 0.2.3's remote adapter sends it.
const request = {
  protocolVersion: "2026-02-01",
  requestId: "mcp://files/write@1.0:abc",
  context: {
    integrationSurface: "sec0",
    executionLayer: "middleware",
    tenant: "acme",
    server: "files",
    tool: "write@1.0",
    nodeId: "planner",
    runId: "run-1",
    metadata: { op: "update" },
  },
  enforcement: { mode: "enforce", strategy: "deny_on_match", denyOn: ["fs_violation"], forceDeny: false },
  input: { reasons: ["fs_violation"], riskTags: ["fs_violation"], attributes: { path: "/etc" } },
};

describe("RuntimeDecisionRequestSchema", () => {
  it("accepts a 0.2.3 request and keeps unknown members", () => {
    const parsed = RuntimeDecisionRequestSchema.parse({ ...request, extra: 1 });
    expect(parsed.context.executionLayer).toBe("middleware");
    expect((parsed as Record<string, unknown>).extra).toBe(1);
    expect(RUNTIME_PROTOCOL_VERSION).toBe("2026-02-01");
  });

  it("accepts sec0's escalateOn", () => {
    const withEscalate = {
      ...request,
      enforcement: { ...request.enforcement, escalateOn: ["fs_violation"] },
    };
    expect(RuntimeDecisionRequestSchema.parse(withEscalate).enforcement.escalateOn).toEqual(["fs_violation"]);
  });

  it("accepts sec0's input.faults, and a 0.2.3 request without them", () => {
    const withFaults = { ...request, input: { ...request.input, faults: ["evaluation_error"] } };
    expect(RuntimeDecisionRequestSchema.parse(withFaults).input.faults).toEqual(["evaluation_error"]);
    expect(RuntimeDecisionRequestSchema.parse(request).input.faults).toBeUndefined();
  });

  it.each([
    ["another protocol version", { ...request, protocolVersion: "2025-01-01" }],
    [
      "an unknown execution layer",
      { ...request, context: { ...request.context, executionLayer: "browser" } },
    ],
    ["a missing server", { ...request, context: { ...request.context, server: undefined } }],
    ["an unknown mode", { ...request, enforcement: { ...request.enforcement, mode: "block" } }],
    ["an unknown strategy", { ...request, enforcement: { ...request.enforcement, strategy: "all" } }],
    ["an empty reason", { ...request, input: { ...request.input, reasons: [""] } }],
    ["attributes that are an array", { ...request, input: { ...request.input, attributes: [] } }],
    ["faults that are not a list", { ...request, input: { ...request.input, faults: "evaluation_error" } }],
  ])("refuses %s", (_label, body) => {
    expect(RuntimeDecisionRequestSchema.safeParse(body).success).toBe(false);
  });
});

describe("RuntimeDecisionResponseSchema", () => {
  const response = {
    protocolVersion: "2026-02-01",
    decision: {
      action: "escalate",
      reason: "fs_violation",
      reasons: ["fs_violation"],
      obligations: [{ type: "notify", params: { channel: "discord" } }],
      auditRefs: [{ ref: "audit:1", kind: "audit", href: "https://cp/audit/1" }],
    },
    metadata: { engineVersion: "0.1.0", processedAt: "2026-02-01T12:00:00.000Z", latencyMs: 3 },
  };

  it("accepts allow, deny and escalate", () => {
    for (const action of ["allow", "deny", "escalate"]) {
      expect(
        RuntimeDecisionResponseSchema.safeParse({ ...response, decision: { ...response.decision, action } })
          .success,
      ).toBe(true);
    }
  });

  it("refuses HEAD's clarify and an obligation without a type", () => {
    expect(
      RuntimeDecisionResponseSchema.safeParse({
        ...response,
        decision: { ...response.decision, action: "clarify" },
      }).success,
    ).toBe(false);
    expect(
      RuntimeDecisionResponseSchema.safeParse({
        ...response,
        decision: { ...response.decision, obligations: [{}] },
      }).success,
    ).toBe(false);
  });

  it("parses the error body and refuses one without retryable", () => {
    expect(
      RuntimeDecisionErrorSchema.safeParse({ error: { code: "BAD_REQUEST", message: "x", retryable: false } })
        .success,
    ).toBe(true);
    expect(
      RuntimeDecisionErrorSchema.safeParse({ error: { code: "BAD_REQUEST", message: "x" } }).success,
    ).toBe(false);
  });
});

describe("RuntimeDecisionOutputSchema", () => {
  const output = {
    protocolVersion: "2026-02-01",
    adapterMode: "remote",
    evaluationSource: "fallback-deny",
    decision: "deny",
    reason: "runtime_unavailable",
    reasons: ["runtime_unavailable"],
    obligations: [],
    auditRefs: [],
  };

  it("accepts every evaluation source", () => {
    for (const evaluationSource of ["local", "remote", "fallback-local", "fallback-allow", "fallback-deny"]) {
      expect(RuntimeDecisionOutputSchema.safeParse({ ...output, evaluationSource }).success).toBe(true);
    }
  });

  it("refuses an unknown evaluation source or adapter mode", () => {
    expect(RuntimeDecisionOutputSchema.safeParse({ ...output, evaluationSource: "cache" }).success).toBe(
      false,
    );
    expect(RuntimeDecisionOutputSchema.safeParse({ ...output, adapterMode: "hybrid" }).success).toBe(false);
  });
});
