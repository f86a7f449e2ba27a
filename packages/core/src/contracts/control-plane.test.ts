import { describe, expect, it } from "vitest";
import { EvaluatorInputSchema, EvaluatorOutputSchema } from "./contextual-evaluator.js";
import {
  ApiKeyRequestSchema,
  ApprovalVerifyRequestSchema,
  ApprovalVerifyResponseSchema,
  CONTROL_PLANE_PATHS,
  DiscoverResponseSchema,
  NlEvalRequestSchema,
  NlEvalResponseSchema,
  PolicyParamsSchema,
  PolicyQuerySchema,
  UploadUrlRequestSchema,
  UploadUrlResponseSchema,
  ValidateKeyResponseSchema,
} from "./control-plane.js";

describe("discovery and key validation", () => {
  it("accepts the key in the body or only in the header", () => {
    expect(ApiKeyRequestSchema.safeParse({ apiKey: "sec0_abcdefgh" }).success).toBe(true);
    expect(ApiKeyRequestSchema.safeParse({}).success).toBe(true);
    expect(ApiKeyRequestSchema.safeParse({ apiKey: "" }).success).toBe(false);
  });

  it("requires a control plane URL in discovery", () => {
    expect(
      DiscoverResponseSchema.safeParse({ controlPlaneUrl: "https://cp.example.com", cacheTtlSeconds: 300 })
        .success,
    ).toBe(true);
    expect(DiscoverResponseSchema.safeParse({ tenant: "acme" }).success).toBe(false);
    expect(DiscoverResponseSchema.safeParse({ controlPlaneUrl: "not a url" }).success).toBe(false);
  });

  it("requires tenant, env, client and version in validate-key", () => {
    const reply = { tenant: "acme", env: "prod", clientName: "agent", clientVersion: "1.0.0", userId: "u1" };
    expect(ValidateKeyResponseSchema.safeParse(reply).success).toBe(true);
    expect(ValidateKeyResponseSchema.safeParse({ ...reply, env: "qa" }).success).toBe(false);
    expect(ValidateKeyResponseSchema.safeParse({ ...reply, clientName: "" }).success).toBe(false);
  });
});

describe("policy endpoints", () => {
  it("accepts a level and an optional normalised node id", () => {
    expect(PolicyQuerySchema.parse({ level: "gateway" })).toEqual({ level: "gateway" });
    expect(PolicyQuerySchema.safeParse({ level: "middleware", nodeId: "planner-2" }).success).toBe(true);
    expect(PolicyParamsSchema.safeParse({ tenant: "acme" }).success).toBe(true);
    expect(CONTROL_PLANE_PATHS.policy).toBe("/api/policy/:tenant");
  });

  it.each([
    ["no level", {}],
    ["an unknown level", { level: "guard" }],
    ["an upper-case node id", { level: "middleware", nodeId: "Planner" }],
    ["a node id with a trailing dash", { level: "middleware", nodeId: "planner-" }],
    ["a node id longer than 80", { level: "middleware", nodeId: "a".repeat(81) }],
  ])("refuses a query with %s", (_label, query) => {
    expect(PolicyQuerySchema.safeParse(query).success).toBe(false);
  });
});

describe("upload-url", () => {
  const audit = {
    key: "acme/prod/agent/audit-2026-02-01.ndjson",
    tenant: "acme",
    env: "prod",
    contentType: "application/x-ndjson",
    clientName: "agent",
    clientVersion: "1.0.0",
  };

  it("accepts the audit, raw and scan forms", () => {
    expect(UploadUrlRequestSchema.safeParse(audit).success).toBe(true);
    expect(UploadUrlRequestSchema.safeParse({ ...audit, mode: "raw", date: "2026-02-01" }).success).toBe(
      true,
    );
    const scan = {
      mode: "scan",
      scanKind: "agent_guard_findings",
      scanId: "s1",
      contentType: "application/json",
    };
    expect(UploadUrlRequestSchema.safeParse(scan).success).toBe(true);
  });

  it.each([
    ["raw without a date", { ...audit, mode: "raw" }],
    ["an unknown mode", { ...audit, mode: "bulk" }],
    ["a wrong content type", { ...audit, contentType: "application/json" }],
    [
      "an unknown scan kind",
      { mode: "scan", scanKind: "fuzz", scanId: "s1", contentType: "application/json" },
    ],
  ])("refuses %s", (_label, body) => {
    expect(UploadUrlRequestSchema.safeParse(body).success).toBe(false);
  });

  it("requires a URL in the reply", () => {
    expect(
      UploadUrlResponseSchema.safeParse({ url: "https://s3/x?sig=1", headers: { "x-amz-acl": "private" } })
        .success,
    ).toBe(true);
    expect(UploadUrlResponseSchema.safeParse({ key: "k" }).success).toBe(false);
  });
});

describe("nl-eval", () => {
  it("accepts a request with the 0.2.3 threshold and a judge", () => {
    const body = {
      instruction: "No refunds.",
      text: "We refund.",
      threshold: 50,
      provider: "openai",
      model: "m",
    };
    expect(NlEvalRequestSchema.safeParse(body).success).toBe(true);
  });

  it("refuses text over 8000 characters and an unknown provider", () => {
    expect(NlEvalRequestSchema.safeParse({ instruction: "x", text: "a".repeat(8001) }).success).toBe(false);
    expect(NlEvalRequestSchema.safeParse({ instruction: "x", text: "a", provider: "acme" }).success).toBe(
      false,
    );
  });

  it("bounds the score to 0–100", () => {
    expect(NlEvalResponseSchema.safeParse({ score: 0 }).success).toBe(true);
    expect(NlEvalResponseSchema.safeParse({ score: 100, evidence: "e" }).success).toBe(true);
    expect(NlEvalResponseSchema.safeParse({ score: 101 }).success).toBe(false);
    expect(NlEvalResponseSchema.safeParse({ score: -1 }).success).toBe(false);
  });
});

describe("approvals verify", () => {
  it("accepts a 0.2.3 request and sec0's call digest", () => {
    const body = {
      token: "apt_1",
      context: { tool_ref: "mcp://files/write@1.0", node_id: "planner", agent_ref: "r1" },
    };
    expect(ApprovalVerifyRequestSchema.safeParse(body).success).toBe(true);
    const bound = { ...body, context: { ...body.context, call_digest: "a".repeat(64) } };
    expect(ApprovalVerifyRequestSchema.safeParse(bound).success).toBe(true);
  });

  it("refuses a request without a tool ref or with a malformed digest", () => {
    expect(ApprovalVerifyRequestSchema.safeParse({ token: "apt_1", context: {} }).success).toBe(false);
    const badDigest = { token: "apt_1", context: { tool_ref: "mcp://f/w@1", call_digest: "XYZ" } };
    expect(ApprovalVerifyRequestSchema.safeParse(badDigest).success).toBe(false);
  });

  it("parses valid and invalid replies", () => {
    expect(
      ApprovalVerifyResponseSchema.safeParse({ valid: true, approval: { id: "esc_1", reason: "ok" } })
        .success,
    ).toBe(true);
    expect(
      ApprovalVerifyResponseSchema.safeParse({ valid: false, invalid_reason: "already_used" }).success,
    ).toBe(true);
    expect(ApprovalVerifyResponseSchema.safeParse({ valid: "yes" }).success).toBe(false);
    expect(ApprovalVerifyResponseSchema.safeParse({ valid: false, invalid_reason: "nope" }).success).toBe(
      false,
    );
  });
});

describe("contextual evaluator", () => {
  const input = {
    action: {
      kind: "tool_call",
      summary: "Email the price list to a supplier",
      sideEffect: true,
      target: { boundary: "external", classification: "confidential" },
      data: { classifications: ["confidential"], estimatedRecords: 10 },
    },
    actor: { id: "agent-1", labels: ["buyer"] },
    purpose: { summary: "negotiate", justification: "requested by procurement" },
    authority: { grantedScopes: ["read"], allowedBoundaries: ["internal"] },
    sourceUse: { sources: [{ id: "s1", justified: false }] },
    constraints: { forbiddenBoundaries: ["external"], disclosureBudget: { maxRecords: 5 } },
    metadata: { detector_findings: [] },
    workflowSlice: { step: 2 },
  };

  it("accepts a full input and keeps HEAD's extra sections", () => {
    const parsed = EvaluatorInputSchema.parse(input);
    expect((parsed as Record<string, unknown>).workflowSlice).toEqual({ step: 2 });
  });

  it("refuses an input without an action kind or with an overlong summary", () => {
    expect(EvaluatorInputSchema.safeParse({ action: { summary: "x" } }).success).toBe(false);
    expect(EvaluatorInputSchema.safeParse({ action: { kind: "k", summary: "a".repeat(4001) } }).success).toBe(
      false,
    );
  });

  const output = {
    decision: "escalate",
    confidence: 0.75,
    principles: ["authority_scope_mismatch"],
    summary: "Contextual evaluator flagged authority_scope_mismatch.",
    reasoning: "target boundary not allowed",
    evidence: [{ label: "boundary", detail: "external not in [internal]", path: "action.target.boundary" }],
    suggestedSeverity: "high",
    suggestedRemediation: { summary: "Ask for scope", steps: ["Request the write scope"] },
    normalizedFingerprint: "0123456789abcdef",
  };

  it("accepts a well-formed output", () => {
    expect(EvaluatorOutputSchema.safeParse(output).success).toBe(true);
  });

  it.each([
    ["an unknown principle", { ...output, principles: ["vibes"] }],
    ["a confidence above 1", { ...output, confidence: 1.2 }],
    ["a short fingerprint", { ...output, normalizedFingerprint: "abc" }],
    ["HEAD's clarify decision", { ...output, decision: "clarify" }],
  ])("refuses an output with %s", (_label, body) => {
    expect(EvaluatorOutputSchema.safeParse(body).success).toBe(false);
  });
});
