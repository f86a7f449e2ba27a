import { describe, expect, it } from "vitest";
import { AuthContextHeaderSchema, AuthContextSchema } from "./auth-context.js";
import {
  A2aInvokeRequestSchema,
  DedupeOutcomeSchema,
  formatGatewayMcpPath,
  formatUpstreamInvokePath,
  GATEWAY_ERROR_STATUS,
  GatewayErrorBodySchema,
  GatewayErrorCodeSchema,
  GatewayInvokeBodySchema,
  GatewayMcpParamsSchema,
  GatewayRawReplySchema,
  GatewayReplyHeadersSchema,
  gatewayErrorStatus,
} from "./gateway.js";
import { IDEMPOTENCY_KEY_HEADER, SPAN_ID_HEADER, TRACE_ID_HEADER } from "./gateway-headers.js";

describe("gateway paths", () => {
  it("formats the tool path as 0.2.3's client does, keeping @ readable", () => {
    expect(formatGatewayMcpPath("files", "write@1.0")).toBe("/mcp/files/write@1.0");
    expect(formatGatewayMcpPath("my server", "a/b@1")).toBe("/mcp/my%20server/a%2Fb@1");
    expect(formatUpstreamInvokePath("write@1.0")).toBe("/invoke/write%401.0");
  });

  it("validates path parameters", () => {
    expect(GatewayMcpParamsSchema.safeParse({ server: "files", toolAtVersion: "write" }).success).toBe(true);
    expect(GatewayMcpParamsSchema.safeParse({ server: "", toolAtVersion: "write@1.0" }).success).toBe(false);
  });
});

describe("gateway bodies", () => {
  it("takes the invoke body as an arguments object", () => {
    expect(GatewayInvokeBodySchema.parse({})).toEqual({});
    expect(GatewayInvokeBodySchema.safeParse([1, 2]).success).toBe(false);
    expect(GatewayInvokeBodySchema.safeParse("x").success).toBe(false);
  });

  it("accepts an a2a body with or without args", () => {
    expect(
      A2aInvokeRequestSchema.safeParse({ to: "files", toolAtVersion: "read@1.0", args: { p: 1 } }).success,
    ).toBe(true);
    expect(A2aInvokeRequestSchema.safeParse({ to: "files", toolAtVersion: "read@1.0" }).success).toBe(true);
  });

  it.each([
    ["no target", { toolAtVersion: "read@1.0" }],
    ["an empty target", { to: "", toolAtVersion: "read@1.0" }],
    ["no tool", { to: "files" }],
    ["args that are an array", { to: "files", toolAtVersion: "read@1.0", args: [] }],
  ])("refuses an a2a body with %s", (_label, body) => {
    expect(A2aInvokeRequestSchema.safeParse(body).success).toBe(false);
  });

  it("wraps non-JSON upstream replies", () => {
    expect(GatewayRawReplySchema.safeParse({ raw: "ok" }).success).toBe(true);
    expect(GatewayRawReplySchema.safeParse({ raw: 1 }).success).toBe(false);
  });
});

describe("gateway reply headers", () => {
  it("requires hex trace and span ids", () => {
    const headers = {
      [TRACE_ID_HEADER]: "4bf92f3577b34da6a3ce929d0e0e4736",
      [SPAN_ID_HEADER]: "00f067aa0ba902b7",
    };
    expect(GatewayReplyHeadersSchema.safeParse({ ...headers, [IDEMPOTENCY_KEY_HEADER]: "k" }).success).toBe(
      true,
    );
    expect(GatewayReplyHeadersSchema.safeParse({ [TRACE_ID_HEADER]: headers[TRACE_ID_HEADER] }).success).toBe(
      false,
    );
    expect(GatewayReplyHeadersSchema.safeParse({ ...headers, [SPAN_ID_HEADER]: "XYZ" }).success).toBe(false);
  });

  it("knows the three dedupe outcomes", () => {
    expect(DedupeOutcomeSchema.options).toEqual(["first", "replay", "reject"]);
    expect(DedupeOutcomeSchema.safeParse("again").success).toBe(false);
  });
});

describe("gateway errors", () => {
  it("keeps 0.2.3's statuses", () => {
    expect(gatewayErrorStatus("UNAUTHENTICATED")).toBe(401);
    expect(gatewayErrorStatus("TOOL_NOT_ALLOWED")).toBe(403);
    expect(gatewayErrorStatus("RATE_LIMITED")).toBe(429);
    expect(gatewayErrorStatus("QUOTA_EXCEEDED")).toBe(429);
    expect(gatewayErrorStatus("IDEMPOTENT_DUPLICATE")).toBe(409);
    expect(gatewayErrorStatus("TARGET_NOT_FOUND")).toBe(502);
    expect(gatewayErrorStatus("BROKER_UNAVAILABLE")).toBe(503);
  });

  it("maps every code to an error status and accepts exactly the table's codes", () => {
    for (const [code, status] of Object.entries(GATEWAY_ERROR_STATUS)) {
      expect(GatewayErrorCodeSchema.parse(code)).toBe(code);
      expect(status).toBeGreaterThanOrEqual(400);
    }
    expect(GatewayErrorCodeSchema.safeParse("FORBIDDEN").success).toBe(false);
  });

  it("parses an error body with denial and escalation fields and problem members", () => {
    const body = {
      error: "TOOL_NOT_ALLOWED",
      message: "tool not in allowlist",
      denial_level: "gateway",
      denial_reason: "tool_not_in_allowlist",
      escalation_id: "esc_1",
      escalation_status: "pending",
      type: "about:blank",
      status: 403,
      code: "TOOL_NOT_ALLOWED",
    };
    expect(GatewayErrorBodySchema.parse(body)).toMatchObject({ code: "TOOL_NOT_ALLOWED", status: 403 });
  });

  it("refuses an error body without a code or message", () => {
    expect(GatewayErrorBodySchema.safeParse({ message: "x" }).success).toBe(false);
    expect(GatewayErrorBodySchema.safeParse({ error: "X" }).success).toBe(false);
  });
});

describe("x-auth-context", () => {
  it("parses every 0.2.3 scheme with unverified JWT claims", () => {
    const context = {
      scheme: "bearer",
      user_hash: "abc",
      tenant: "acme",
      roles: ["admin"],
      token_sha256: "f".repeat(64),
      jwt: { sub: "u1", iss: "https://idp", aud: ["api"], exp: 2, iat: 1, email: "a@b.c", tenant: "acme" },
    };
    expect(AuthContextSchema.parse(context).jwt?.aud).toEqual(["api"]);
    for (const scheme of ["assertion", "prehashed", "none"])
      expect(AuthContextSchema.safeParse({ scheme }).success).toBe(true);
  });

  it("refuses an unknown scheme and roles that are a string", () => {
    expect(AuthContextSchema.safeParse({ scheme: "basic" }).success).toBe(false);
    expect(AuthContextSchema.safeParse({ scheme: "bearer", roles: "admin" }).success).toBe(false);
  });

  it("parses the header text and reports invalid JSON as an issue", () => {
    expect(AuthContextHeaderSchema.parse('{"scheme":"none","extra":1}')).toEqual({
      scheme: "none",
      extra: 1,
    });
    const bad = AuthContextHeaderSchema.safeParse("{not json");
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toMatch(/not valid JSON/);
  });
});
