import { describe, expect, it } from "vitest";
import {
  AuditChainFieldsSchema,
  AuditDecisionSchema,
  GatewayAuditEnvelopeSchema,
  MiddlewareAuditEnvelopeSchema,
} from "./audit-envelope.js";

const hex = (n: number, c = "a") => c.repeat(n);
const signature = `ed25519:${Buffer.alloc(64, 7).toString("base64")}`;

// A row as 0.2.3's middleware writes it (abridged), signed.
const middleware = {
  ts: "2026-02-01T12:00:00.000Z",
  trace_id: hex(32),
  span_id: hex(16, "b"),
  tenant: "acme",
  env: "prod",
  client: "agent",
  clientVersion: "1.0.0",
  server: "sec0-middleware@0.2.3",
  tool: "mcp.enforce@1.0",
  op: "update",
  tool_ref: "sec0-middleware@0.2.3 mcp.enforce@1.0",
  node_type: "middleware",
  target_server: "files@1.0.0",
  target_tool: "write@1.0",
  target_tool_ref: "mcp://files/write@1.0",
  status: "ok",
  latency_ms: 4,
  retries: 0,
  input_sha256: hex(64, "c"),
  output_sha256: null,
  policy: { decision: "allow", retention: "standard" },
  idempotency_key: null,
  actor: "acme",
  registry_frozen: true,
  server_snapshot: { tools: 3 },
  check_level: "middleware",
  check_kind: "dynamic",
  auth: { scheme: "bearer", token_sha256: hex(64, "d") },
  risk_tags: [],
  nodeId: "planner",
  agentRef: "run-1",
  ap2_intent_id: "i1",
  sig: signature,
};

const chain = {
  key_id: `ed25519:${hex(64, "e")}`,
  seq: 3,
  prev_hash: hex(64, "f"),
  policy_hash: hex(64, "1"),
};

describe("MiddlewareAuditEnvelopeSchema", () => {
  it("parses a 0.2.3 row and keeps every unknown member", () => {
    const parsed = MiddlewareAuditEnvelopeSchema.parse(middleware);
    expect(parsed).toEqual(middleware);
  });

  it("parses a sec0 row with chain fields and a refusal", () => {
    const row = {
      ...middleware,
      ...chain,
      policy: { decision: "deny", retention: "standard" },
      decision_reason: "fs_violation",
    };
    expect(MiddlewareAuditEnvelopeSchema.safeParse(row).success).toBe(true);
  });

  it.each([
    ["a gateway node type", { node_type: "gateway" }],
    ["a short trace id", { trace_id: hex(31) }],
    ["an unknown decision", { policy: { decision: "maybe", retention: "standard" } }],
    ["an unknown status", { status: "timeout" }],
    ["a bad key id", { key_id: "rsa:1" }],
    ["a seq of 0 (chains start at 1)", { seq: 0 }],
    ["a prev_hash in upper case", { prev_hash: hex(64, "F") }],
    ["a signature that is not ed25519", { sig: "rsa:abc" }],
    ["a risk score above 100", { risk_score: 125 }],
  ])("refuses a row with %s", (_label, change) => {
    expect(MiddlewareAuditEnvelopeSchema.safeParse({ ...middleware, ...change }).success).toBe(false);
  });
});

describe("GatewayAuditEnvelopeSchema", () => {
  const gateway = {
    ts: "2026-02-01T12:00:00.000Z",
    trace_id: hex(32),
    span_id: hex(16),
    cause_trace_id: "not-checked-by-0.2.3",
    tenant: "acme",
    server: "files",
    tool: "write@1.0",
    node_type: "gateway",
    gateway: "sec0-gateway@0.1.0",
    status: "error",
    latency_ms: 12,
    retries: 0,
    input_sha256: null,
    output_sha256: null,
    policy: { decision: "would_deny", retention: "standard" },
    risk_tags: ["egress_violation"],
    decision_reason: "egress_violation",
    nodeId: "planner",
    agentRef: "run-1",
    agentVariables: { GATEWAY: { gateway: "sec0-gateway@0.1.0" } },
    analytics: { version: 1 },
  };

  it("parses a 0.2.3 row and a chained sec0 row", () => {
    expect(GatewayAuditEnvelopeSchema.parse(gateway)).toEqual(gateway);
    const chained = { ...gateway, ...chain, prev_hash: "0".repeat(64) };
    expect(GatewayAuditEnvelopeSchema.safeParse(chained).success).toBe(true);
    expect(GatewayAuditEnvelopeSchema.safeParse({ ...chained, prev_hash: null }).success).toBe(false);
  });

  it("refuses a row without the gateway name or with a middleware node type", () => {
    const { gateway: _name, ...unnamed } = gateway;
    expect(GatewayAuditEnvelopeSchema.safeParse(unnamed).success).toBe(false);
    expect(GatewayAuditEnvelopeSchema.safeParse({ ...gateway, node_type: "middleware" }).success).toBe(false);
  });
});

describe("AuditChainFieldsSchema", () => {
  it("requires key id, seq, prev_hash and policy_hash (null when no policy loaded)", () => {
    const first = { ...chain, seq: 1, prev_hash: "0".repeat(64), policy_hash: null };
    expect(AuditChainFieldsSchema.safeParse(first).success).toBe(true);
    expect(AuditChainFieldsSchema.safeParse({ ...first, prev_hash: null }).success).toBe(false);
    const { prev_hash: _prev, ...noPrev } = chain;
    expect(AuditChainFieldsSchema.safeParse(noPrev).success).toBe(false);
    expect(AuditChainFieldsSchema.safeParse({ ...chain, seq: 1.5 }).success).toBe(false);
  });

  it("lists the five decisions", () => {
    expect(AuditDecisionSchema.options).toEqual(["allow", "deny", "would_deny", "escalate", "redact"]);
  });
});
