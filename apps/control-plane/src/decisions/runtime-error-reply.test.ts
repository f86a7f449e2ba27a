import { Sec0Error } from "@sec0/core";
import { RuntimeDecisionErrorSchema } from "@sec0/core/contracts";
import { describe, expect, it } from "vitest";
import { httpError } from "../errors.js";
import { runtimeErrorReply } from "./runtime-error-reply.js";

describe("runtimeErrorReply", () => {
  it("keeps the control plane's code and folds the status into the contract's", () => {
    expect(runtimeErrorReply(httpError("CP_REQUEST_INVALID", "bad"))).toMatchObject({
      status: 400,
      body: { error: { code: "CP_REQUEST_INVALID", message: "bad", retryable: false } },
    });
    expect(runtimeErrorReply(httpError("CP_SCOPE_MISSING", "no scope")).status).toBe(401);
    expect(runtimeErrorReply(httpError("CP_BODY_TOO_LARGE", "big")).status).toBe(400);
    const unavailable = runtimeErrorReply(httpError("CP_UNAVAILABLE", "down"));
    expect(unavailable).toMatchObject({ status: 500, body: { error: { retryable: true } } });
  });

  it("maps Fastify body errors and a bad tool reference to 400, anything else to a quiet 500", () => {
    const tooLarge = Object.assign(new Error("too large"), { code: "FST_ERR_CTP_BODY_TOO_LARGE" });
    expect(runtimeErrorReply(tooLarge).body.error.code).toBe("CP_BODY_TOO_LARGE");
    const badRef = new Sec0Error("CORE_TOOL_REF_INVALID", "not a tool reference");
    expect(runtimeErrorReply(badRef)).toMatchObject({
      status: 400,
      body: { error: { code: "CP_REQUEST_INVALID" } },
    });
    const internal = runtimeErrorReply(new Error("secret stack detail"));
    expect(internal.status).toBe(500);
    expect(JSON.stringify(internal.body)).not.toContain("secret");
    expect(RuntimeDecisionErrorSchema.safeParse(internal.body).success).toBe(true);
  });
});
